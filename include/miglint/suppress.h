/* SPDX-License-Identifier: MIT */
/*
 * suppress.h
 *	  miglint-ignore comments: finding them, binding them, and silencing findings.
 *
 *	  -- miglint-ignore rule-a, rule-b    on the line before a statement, or at its end
 *	  -- miglint-ignore-file rule-a       before the file's first statement
 *
 * Comments are tokens from PostgreSQL's lexer, so a "-- miglint-ignore" inside a string or a
 * dollar-quoted body is not an ignore comment. Each rule name remembers whether it silenced
 * anything, for unused-ignore.
 */
#ifndef MIGLINT_SUPPRESS_H
#define MIGLINT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "miglint/arena.h"
#include "miglint/diag.h"
#include "miglint/sql.h"

struct ml_ignore_name
{
	const char *name;
	uint32_t start; /* the name's bytes in the file */
	uint32_t end;
	bool used;
};

struct ml_ignore
{
	uint32_t start; /* the comment's bytes in the file */
	uint32_t end;
	bool file_level;
	bool misplaced; /* a file-level comment after the first statement */
	bool bound;		/* a statement-level comment found its statement */
	uint32_t scope_start; /* bytes of the statement it covers */
	uint32_t scope_end;
	struct ml_ignore_name *names;
	size_t n_names;
};

struct ml_suppressions
{
	struct ml_ignore *items;
	size_t n;
};

/* Finds and binds the ignore comments of a parsed file (allocations in 'arena'). */
void ml_suppress_collect(struct ml_suppressions *out, struct ml_arena *arena,
						 const struct ml_file *file);

/*
 * Copies the ignore comments of 'in' into 'arena', to silence folder rules' findings and be
 * judged by unused-ignore once the folder is, after the file's own arena is gone. Returns
 * how many it kept (0: *out is empty).
 */
size_t ml_suppress_keep(struct ml_suppressions *out, struct ml_arena *arena,
						const struct ml_suppressions *in);

/* Marks the diagnostics items[from..to) that an ignore comment silences, and the names used. */
void ml_suppress_apply(const struct ml_suppressions *supp, struct ml_diag *items, size_t from,
					   size_t to);

#endif
