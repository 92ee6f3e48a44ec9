/* SPDX-License-Identifier: MIT */
/*
 * fix.h
 *	  `miglint --fix`: make a migration idempotent by inserting IF [NOT] EXISTS or OR REPLACE,
 *	  or by wrapping CREATE TYPE / ADD CONSTRAINT in drizzle-kit's DO guard.
 *
 * Edits are placed at token positions (PostgreSQL's lexer) and node locations (the typed
 * AST), never found by searching text; every other byte of the file stays as it was
 * (comments, layout, breakpoint markers, CRLF). Only edits that are exactly equivalent on a
 * fresh database are made. A file with a syntax error is left alone.
 */
#ifndef MIGLINT_FIX_H
#define MIGLINT_FIX_H

#include <stddef.h>
#include <stdint.h>

#include <stdbool.h>
#include <stdio.h>

#include "miglint/arena.h"
#include "miglint/config.h"
#include "miglint/error.h"
#include "miglint/folder.h"
#include "miglint/sql.h"

/* Replace bytes [start, end) of the file with 'text' (an insertion when start == end). */
struct ml_edit
{
	uint32_t start;
	uint32_t end;
	const char *text;
};

/* Whether statement 'st' may be fixed for 'rule' (not suppressed, the rule not off). */
typedef bool (*ml_fix_allowed_fn)(void *ctx, const struct ml_stmt *st, const char *rule);

/*
 * The edits for a parsed file, sorted and non-overlapping (borrowed from 'arena').
 * 'pg_version' decides CREATE OR REPLACE TRIGGER (14+); 'allowed' (may be NULL) can refuse
 * a statement. Returns the count; 0 for a file with a syntax error.
 */
size_t ml_fix_edits(struct ml_edit **out, struct ml_arena *arena, const struct ml_file *file,
					int pg_version, ml_fix_allowed_fn allowed, void *ctx);

/* The text with the edits applied (malloc'd, NUL-terminated; *out_len its length). */
char *ml_fix_apply(const char *data, size_t len, const struct ml_edit *edits, size_t n,
				   size_t *out_len);

/* A unified diff of the edits (malloc'd), with 3 lines of context, for --fix --diff. */
char *ml_fix_diff(const char *path, const char *old, size_t old_len, const struct ml_edit *edits,
				  size_t n);

struct ml_fix_stats
{
	size_t files;		/* files changed (or that --diff would change) */
	size_t edits;		/* edits made */
	size_t skipped;		/* files not named on the command line, left alone without --all */
	size_t unparsable;	/* files left alone because PostgreSQL cannot parse them */
	size_t errors;		/* files that could not be written */
};

typedef void (*ml_fix_error_fn)(const struct ml_error *err, void *data);

/*
 * Fixes the selected files of 'in': only files named on the command line, or all with 'all'.
 * With 'diff', writes a unified diff to 'out' and gives the fixed text to the linter (through
 * each file's override) instead of writing the files.
 */
void ml_fix_run(struct ml_fix_stats *stats, struct ml_inputs *in, const struct ml_config *cfg,
				bool all, bool diff, FILE *out, ml_fix_error_fn on_error, void *data);

#endif
