/* SPDX-License-Identifier: MIT */
/*
 * snapshot_summary.c
 *	  The summary of a Drizzle snapshot that the rules read (struct ml_snapshot in drizzle.h).
 *
 * Two ways to the same summary: ml_snapshot_scan reads it straight from the text without a
 * tree (most snapshots, which are megabytes of plain JSON), and ml_snapshot_summarize reads
 * it from cJSON's tree for every snapshot the scan is not sure of. Both must fill the same
 * fields with the same values; tests/test-snapshot.c compares them document by document.
 */
#include "miglint/drizzle.h"

#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"

/* The top-level members the summary reads; prevIds wins over prevId when both are there. */
static const char *const snapshot_keys[] = {"id", "prevIds", "prevId", "version", "dialect"};

enum
{
	KEY_ID,
	KEY_PREV_IDS,
	KEY_PREV_ID,
	KEY_VERSION,
	KEY_DIALECT,
	N_KEYS
};

static enum ml_json_kind
kind(const cJSON *item)
{
	if (item == NULL)
		return ML_JSON_ABSENT;
	if (cJSON_IsString(item))
		return ML_JSON_STRING;
	if (cJSON_IsArray(item))
		return ML_JSON_ARRAY;
	if (cJSON_IsObject(item))
		return ML_JSON_OBJECT;
	return ML_JSON_OTHER;
}

static char *
copy(const char *text)
{
	return text != NULL ? ml_xstrdup(text) : NULL;
}

/* A malloc'd copy of the plain string 'sp' of 'text'. */
static char *
copy_span(const char *text, const struct ml_json_span *sp)
{
	char *out = malloc(sp->end - sp->start + 1);

	if (out == NULL)
		ml_fatal_oom();
	memcpy(out, text + sp->start, sp->end - sp->start);
	out[sp->end - sp->start] = '\0';
	return out;
}

void
ml_snapshot_summarize(struct ml_snapshot *s, const cJSON *root)
{
	const cJSON *id, *prev, *dialect;

	s->root = kind(root);
	if (s->root != ML_JSON_OBJECT)
		return;
	id = ml_json_member(root, "id");
	s->id_kind = kind(id);
	if (cJSON_IsString(id))
		s->id = copy(id->valuestring);
	prev = ml_snapshot_parent_member(root);
	s->prev_kind = kind(prev);
	if (cJSON_IsString(prev))
		s->prev_id = copy(prev->valuestring);
	else if (cJSON_IsArray(prev))
	{
		const cJSON *p;
		size_t n = 0;

		s->prev_ids = calloc((size_t) cJSON_GetArraySize(prev) + 1, sizeof(char *));
		if (s->prev_ids == NULL)
			ml_fatal_oom();
		cJSON_ArrayForEach(p, prev)
		{
			if (cJSON_IsString(p))
				s->prev_ids[n++] = copy(p->valuestring);
		}
		s->n_prev_ids = n;
	}
	s->version = kind(ml_json_member(root, "version"));
	dialect = ml_json_member(root, "dialect");
	s->dialect_kind = kind(dialect);
	if (cJSON_IsString(dialect))
		s->dialect = copy(dialect->valuestring);
}

/* The string elements of the array 'arr' when none has an escape; else -1. */
static long
count_plain_strings(const char *text, size_t len, const struct ml_json_span *arr)
{
	struct ml_json_span el;
	size_t pos = arr->start;
	long n = 0;

	while (ml_json_scan_element(&el, text, len, &pos))
		if (el.kind == ML_JSON_STRING)
		{
			if (!el.plain)
				return -1;
			n++;
		}
	return n;
}

bool
ml_snapshot_scan(struct ml_snapshot *s, const char *text, size_t len)
{
	struct ml_json_span m[N_KEYS];
	enum ml_json_kind root;
	const struct ml_json_span *prev;
	long n_strings = 0;

	if (!ml_json_scan(&root, m, text, len, snapshot_keys, N_KEYS))
		return false;
	prev = m[KEY_PREV_IDS].kind != ML_JSON_ABSENT ? &m[KEY_PREV_IDS] : &m[KEY_PREV_ID];
	if (root == ML_JSON_OBJECT)
	{
		/* A string to copy with an escape in it is left to cJSON to unescape. */
		if ((m[KEY_ID].kind == ML_JSON_STRING && !m[KEY_ID].plain) ||
			(prev->kind == ML_JSON_STRING && !prev->plain) ||
			(m[KEY_DIALECT].kind == ML_JSON_STRING && !m[KEY_DIALECT].plain))
			return false;
		if (prev->kind == ML_JSON_ARRAY && (n_strings = count_plain_strings(text, len, prev)) < 0)
			return false;
	}
	s->parsed = true;
	s->error_at = 0;
	s->root = root;
	if (root != ML_JSON_OBJECT)
		return true;
	s->id_kind = m[KEY_ID].kind;
	if (m[KEY_ID].kind == ML_JSON_STRING)
		s->id = copy_span(text, &m[KEY_ID]);
	s->prev_kind = prev->kind;
	if (prev->kind == ML_JSON_STRING)
		s->prev_id = copy_span(text, prev);
	else if (prev->kind == ML_JSON_ARRAY)
	{
		struct ml_json_span el;
		size_t pos = prev->start;
		size_t n = 0;

		s->prev_ids = calloc((size_t) n_strings + 1, sizeof(char *));
		if (s->prev_ids == NULL)
			ml_fatal_oom();
		while (ml_json_scan_element(&el, text, len, &pos))
			if (el.kind == ML_JSON_STRING)
				s->prev_ids[n++] = copy_span(text, &el);
		s->n_prev_ids = n;
	}
	s->version = m[KEY_VERSION].kind;
	s->dialect_kind = m[KEY_DIALECT].kind;
	if (m[KEY_DIALECT].kind == ML_JSON_STRING)
		s->dialect = copy_span(text, &m[KEY_DIALECT]);
	return true;
}

void
ml_snapshot_summary_free(struct ml_snapshot *s)
{
	free((char *) s->id);
	free((char *) s->prev_id);
	for (size_t k = 0; k < s->n_prev_ids; k++)
		free((char *) s->prev_ids[k]);
	free((void *) s->prev_ids);
	free((char *) s->dialect);
	s->id = s->prev_id = s->dialect = NULL;
	s->prev_ids = NULL;
	s->n_prev_ids = 0;
}
