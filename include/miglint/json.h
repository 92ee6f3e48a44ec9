/* SPDX-License-Identifier: MIT */
/*
 * json.h
 *	  cJSON with positions: every value of a parsed document maps to its byte offset.
 *
 * cJSON reports no positions, and a journal finding must name file:line:column. A second,
 * tiny walk over the same text records where each value and each object key starts, in
 * document order; cJSON's tree, walked in the same order, pairs with it one to one.
 */
#ifndef MIGLINT_JSON_H
#define MIGLINT_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "miglint/source.h"

struct ml_json
{
	cJSON *root;	 /* NULL when the text is not valid JSON */
	size_t error_at; /* when root is NULL: the byte offset where the parse failed */
	struct ml_json_pos *pos; /* hash table: item -> offsets, built on first use */
	size_t cap;
	const char *text; /* the parsed text (borrowed from the source), for the positions */
	size_t len;
	bool in_arena; /* the tree lives in an arena (ml_json_parse_in): cleanup leaves it */
};

/* Parses 'src', which must outlive 'out' (positions are found in it on first use). */
void ml_json_parse(struct ml_json *out, const struct ml_source *src);

/*
 * Installs the cJSON allocation hooks ml_json_parse_in needs. cJSON keeps them in a global
 * that every cJSON call reads, so call it before a second thread exists (ml_lint_run does).
 */
void ml_json_init(void);

/*
 * Like ml_json_parse, but every node of the tree comes from 'arena' and is freed with it, not
 * one by one: for big documents read once (snapshots). The tree must not be changed.
 */
void ml_json_parse_in(struct ml_json *out, const struct ml_source *src, struct ml_arena *arena);

void ml_json_cleanup(struct ml_json *j);

/*
 * The member 'key' of object 'obj', or NULL; the LAST one when the key repeats, as
 * JavaScript's JSON.parse (and so drizzle) keeps it, where cJSON's getter keeps the first.
 */
const cJSON *ml_json_member(const cJSON *obj, const char *key);

/* Byte offset where 'item' starts (its value), or 0 when unknown. */
size_t ml_json_offset(const struct ml_json *j, const cJSON *item);

/* Byte offset of the key naming object member 'item' ("when": ...), or its value's offset. */
size_t ml_json_key_offset(const struct ml_json *j, const cJSON *item);

/* Byte offset just past the value 'item' (for spans). */
size_t ml_json_end_offset(const struct ml_json *j, const cJSON *item);

#endif
