/* SPDX-License-Identifier: MIT */
/*
 * pgq.h
 *	  Every call into libpg_query, recorded on or replayed from a tape.
 *
 * Parsing a file makes a fixed sequence of libpg_query calls (scan, parse, and for bad
 * chunks split; for DO blocks the PL/pgSQL parser), each a pure function of its text. The
 * parse cache keeps a file's sequence of results as one tape: recorded on a miss, replayed
 * on a hit, so that a re-run skips the parser. A replay that does not match (a call of
 * another kind, or on another text: its length and hash are recorded) stops replaying and
 * calls libpg_query from there on. The tape is per thread.
 */
#ifndef MIGLINT_PGQ_H
#define MIGLINT_PGQ_H

#include <stdbool.h>
#include <stddef.h>

#include "miglint/strbuf.h"

enum ml_pgq_kind
{
	ML_PGQ_SCAN,   /* pg_query_scan: data is int32 quads (start, end, token, keyword kind) */
	ML_PGQ_PARSE,  /* pg_query_parse_protobuf: data is a packed PgQuery__ParseResult */
	ML_PGQ_SPLIT,  /* pg_query_split_with_scanner: data is int32 pairs (location, length) */
	ML_PGQ_PLPGSQL /* pg_query_parse_plpgsql: data is the JSON of the functions */
};

struct ml_pgq_result
{
	const char *data; /* the result, NUL-terminated; NULL on error */
	size_t len;
	const char *error; /* libpg_query's message, or NULL */
	int cursorpos;	   /* with an error: 1-based character position, 0 when none */
	char *owned;	   /* what ml_pgq_done frees */
};

/* Calls libpg_query (or takes the tape's next record) for 'text'. ml_pgq_done frees. */
void ml_pgq_call(struct ml_pgq_result *r, enum ml_pgq_kind kind, const char *text);
void ml_pgq_done(struct ml_pgq_result *r);

struct ml_pgq_tape
{
	struct ml_strbuf *record; /* recording into it, or NULL */
	const char *data;		  /* replaying from it */
	size_t len;
	size_t pos;
	bool diverged; /* a replayed call did not match: libpg_query was called instead */
};

/* Starts recording this thread's calls into 'out'. */
void ml_pgq_record(struct ml_pgq_tape *t, struct ml_strbuf *out);

/* Starts replaying this thread's calls from 'data' (borrowed until ml_pgq_stop). */
void ml_pgq_replay(struct ml_pgq_tape *t, const char *data, size_t len);

/* Stops; false when a replay diverged or left records unused. */
bool ml_pgq_stop(struct ml_pgq_tape *t);

/*
 * Parse calls made ahead, on a second thread, for a long run of statements of one file: the
 * caller asks for texts[0], texts[1], ... in order with ml_pgq_ahead_call and parses each
 * that nobody took; block by block, the helper parses from the block's end backwards until
 * they meet, so one big file uses two cores while the results waiting stay few. Each result
 * is the one ml_pgq_call gives, and is recorded on the tape in the same order.
 */
struct ml_pgq_ahead;

/* True when a helper would help for n texts: helpers on, enough texts, no tape replaying. */
bool ml_pgq_ahead_wanted(size_t n);

/*
 * Starts a helper for texts[0..n) (borrowed until ml_pgq_ahead_finish), or returns NULL when
 * it would not help (ml_pgq_ahead_wanted) or no thread could start.
 */
struct ml_pgq_ahead *ml_pgq_ahead_start(char *const *texts, size_t n);

/* The ML_PGQ_PARSE result of texts[i], as ml_pgq_call gives it. ml_pgq_done frees. */
void ml_pgq_ahead_call(struct ml_pgq_ahead *a, size_t i, struct ml_pgq_result *r);

/* Stops the helper and frees what it parsed and nobody took (accepts NULL). */
void ml_pgq_ahead_finish(struct ml_pgq_ahead *a);

/* Turns helpers on or off for the whole process (--jobs 1 turns them off); on by default. */
void ml_pgq_ahead_enable(bool on);

/* Frees this thread's libpg_query memory, if it made any (libpg_query crashes otherwise). */
void ml_pgq_exit(void);

/* Identifies the libpg_query in use, for cache keys: its version and library file. */
const char *ml_pgq_identity(void);

#endif
