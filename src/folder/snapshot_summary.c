/* SPDX-License-Identifier: MIT */
/*
 * snapshot_summary.c
 *	  The summary of a Drizzle snapshot that the rules read (struct ml_snapshot in drizzle.h).
 *
 * A folder's snapshots are read on worker threads and only this summary is kept of each, so
 * its strings are malloc'd, not arena-allocated: ml_snapshot_summary_free releases them.
 */
#include "miglint/drizzle.h"

#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"

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
