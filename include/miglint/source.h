/* SPDX-License-Identifier: MIT */
/*
 * source.h
 *	  The bytes of one input file and its line table (byte offset -> line and column).
 *
 * Every position miglint reports is a byte offset into the file the user opens; this is the
 * one place that turns it into line:column. Lines end at '\n' (a CRLF line's '\r' belongs to
 * its line but is never shown); columns count UTF-8 characters, a tab is one character, and
 * both are 1-based.
 */
#ifndef MIGLINT_SOURCE_H
#define MIGLINT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "miglint/arena.h"
#include "miglint/error.h"

/* The largest file or standard input miglint reads (ML_ELIMIT beyond it). */
#define ML_SOURCE_MAX_BYTES ((size_t) 32 * 1024 * 1024)

struct ml_source
{
	const char *path; /* as shown to the user */
	const char *data; /* the file's bytes plus a NUL; borrowed from the arena */
	size_t len;
	uint32_t *line_starts; /* byte offset of each line's first byte: built on first use */
	size_t n_lines;
	struct ml_arena *arena; /* where the line table goes */
	size_t order; /* the file's place in the report's order (set by the lint driver) */
};

/*
 * Reads 'fs_path' (or standard input when fs_path is NULL) into 'arena', checks that it is
 * text miglint can lint, and builds its line table. 'display' is the name used in messages.
 * Returns 0, or ML_EIO (unreadable), ML_ELIMIT (over ML_SOURCE_MAX_BYTES) or ML_EINPUT
 * (empty, a NUL byte, invalid UTF-8) with 'err' naming the file and the problem.
 * *out is borrowed from the arena.
 */
int ml_source_read(struct ml_source **out, struct ml_arena *arena, const char *fs_path,
				   const char *display, struct ml_error *err);

/* Same checks over bytes already in memory (tests, fuzzing). The bytes are copied. */
int ml_source_from_bytes(struct ml_source **out, struct ml_arena *arena, const char *bytes,
						 size_t len, const char *display, struct ml_error *err);

/* An empty stand-in for a file that could not be read, so findings can still name it. */
struct ml_source *ml_source_stub(struct ml_arena *arena, const char *display);

/* 1-based line and column (in characters) of byte 'offset' (clamped to the file's end). */
void ml_source_line_col(const struct ml_source *src, size_t offset, unsigned *line,
						unsigned *col);

/* The text of 1-based 'line' without its "\n" or "\r\n"; *len receives its length. */
const char *ml_source_line_text(const struct ml_source *src, unsigned line, size_t *len);

#endif
