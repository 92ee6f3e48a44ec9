/* SPDX-License-Identifier: MIT */
/*
 * breakpoint.c
 *	  drizzle-orm's split on "--> statement-breakpoint", byte for byte.
 *
 * The migrator calls String.prototype.split with the marker on the whole file: the marker
 * text only (no newline), with no awareness of comments or string literals, non-overlapping,
 * left to right, and empty pieces are kept (a trailing marker yields a final empty chunk).
 */
#include <string.h>

#include "miglint/sql.h"

static const char *
find_marker(const char *data, size_t len, size_t from)
{
	static const size_t mlen = sizeof(ML_BREAKPOINT) - 1;

	if (len < mlen || from > len - mlen)
		return NULL;
	return memmem(data + from, len - from, ML_BREAKPOINT, mlen);
}

bool
ml_has_breakpoint(const char *data, size_t len)
{
	return find_marker(data, len, 0) != NULL;
}

size_t
ml_split_breakpoints(struct ml_chunk **out, struct ml_arena *arena, const char *data, size_t len)
{
	static const size_t mlen = sizeof(ML_BREAKPOINT) - 1;
	size_t n = 1, from = 0, i = 0;
	const char *m;
	struct ml_chunk *chunks;

	for (m = find_marker(data, len, 0); m != NULL; m = find_marker(data, len, from))
	{
		n++;
		from = (size_t) (m - data) + mlen;
	}
	chunks = ml_arena_alloc(arena, n * sizeof(*chunks));
	from = 0;
	for (m = find_marker(data, len, 0); m != NULL; m = find_marker(data, len, from))
	{
		chunks[i].offset = from;
		chunks[i].len = (size_t) (m - data) - from;
		i++;
		from = (size_t) (m - data) + mlen;
	}
	chunks[i].offset = from;
	chunks[i].len = len - from;
	*out = chunks;
	return n;
}
