/* SPDX-License-Identifier: MIT */
/*
 * journal.c
 *	  Reading the entry order out of meta/_journal.json.
 *
 * The folder model needs only the tags, in array order (drizzle-orm runs entries in array
 * order, not by idx or when). A tag is used only when it is a plain file name: the journal
 * is input, and "../../etc/passwd" must never make miglint read outside the folder.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"
#include "miglint/folder.h"
#include "miglint/json.h"
#include "miglint/source.h"

bool
ml_journal_tag_safe(const char *tag)
{
	if (tag[0] == '\0' || strcmp(tag, ".") == 0 || strcmp(tag, "..") == 0)
		return false;
	return strchr(tag, '/') == NULL && strchr(tag, '\\') == NULL;
}

void
ml_journal_tags_free(char **tags, size_t n)
{
	if (tags == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(tags[i]);
	free(tags);
}

int
ml_journal_tags(char ***out, size_t *n_out, const char *journal_path, struct ml_error *err)
{
	struct ml_arena *arena = ml_arena_create();
	struct ml_source *src = NULL;
	cJSON *root = NULL;
	const cJSON *entries, *entry;
	char **tags = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	*n_out = 0;
	rc = ml_source_read(&src, arena, journal_path, journal_path, err);
	if (rc != 0)
		goto done;
	root = cJSON_ParseWithLength(src->data, src->len);
	entries = ml_json_member(root, "entries");
	if (root == NULL || !cJSON_IsArray(entries))
	{
		rc = ml_error_set(err, ML_EINPUT, "journal \"%s\" has no \"entries\" array",
						  journal_path);
		goto done;
	}
	tags = calloc((size_t) cJSON_GetArraySize(entries) + 1, sizeof(char *));
	if (tags == NULL)
		ml_fatal_oom();
	cJSON_ArrayForEach(entry, entries)
	{
		const cJSON *tag = ml_json_member(entry, "tag");

		if (!cJSON_IsString(tag) || !ml_journal_tag_safe(tag->valuestring))
			continue;
		tags[n] = strdup(tag->valuestring);
		if (tags[n] == NULL)
			ml_fatal_oom();
		n++;
	}
	*out = tags;
	*n_out = n;
	tags = NULL;
done:
	ml_journal_tags_free(tags, n);
	cJSON_Delete(root);
	ml_arena_destroy(arena);
	return rc;
}
