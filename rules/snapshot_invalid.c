/* SPDX-License-Identifier: MIT */
/*
 * snapshot_invalid.c
 *	  Flags a snapshot drizzle-kit cannot read: empty, not JSON, or without id, parent,
 *	  version or dialect.
 *
 * drizzle-kit generate reads the newest snapshot to diff the schema against; check reads
 * them all. An unreadable one (a merge conflict marker, a truncated write) makes check fail
 * and generate print an error and write nothing. drizzle-kit 0.x takes every file in meta/
 * whose name does not start with '_' as a snapshot, so a stray file there is one too.
 */
#include <string.h>

#include "miglint/rule.h"

static void
missing(struct ml_check *chk, const struct ml_snapshot *s, const char *key)
{
	struct ml_diag *d = ml_report_at_json(chk, &s->file, NULL, "snapshot has no \"%s\"", key);

	ml_diag_detail(d, "drizzle-kit validates every snapshot and rejects one without \"%s\".", key);
	ml_diag_hint(d, "Restore the file from version control.");
}

static void
check_one(struct ml_check *chk, const struct ml_snapshot *s, bool v1)
{
	const cJSON *root = s->file.json.root, *version, *dialect;
	struct ml_diag *d;

	if (s->file.read_error != NULL)
	{
		d = ml_report_at_json(chk, &s->file, NULL, "%s", s->file.read_error);
		ml_diag_detail(d, "drizzle-kit cannot read this snapshot: check fails, and generate "
						  "writes nothing until it is repaired.");
		ml_diag_hint(d, "Restore the file from version control.");
		return;
	}
	if (root == NULL)
	{
		d = ml_report_in(chk, s->file.src, s->file.json.error_at, s->file.json.error_at + 1,
						 "snapshot is not valid JSON");
		ml_diag_detail(d, "drizzle-kit cannot parse this snapshot: check fails, and generate "
						  "writes nothing until it is repaired.");
		ml_diag_hint(d, "Fix the JSON here (after a merge conflict, regenerate rather than "
						"merge snapshots), or restore the file from version control.");
		return;
	}
	if (!cJSON_IsObject(root))
	{
		d = ml_report_at_json(chk, &s->file, root, "snapshot is not a JSON object");
		ml_diag_hint(d, "Restore the file from version control.");
		return;
	}
	if (s->id_item != NULL && !cJSON_IsString(s->id_item))
	{
		d = ml_report_at_json(chk, &s->file, s->id_item, "\"id\" of the snapshot is not a string");
		ml_diag_hint(d, "Restore the file from version control.");
	}
	else if (s->id_item == NULL)
		missing(chk, s, "id");
	if (s->prev_item == NULL || (v1 ? !cJSON_IsArray(s->prev_item) : !cJSON_IsString(s->prev_item)))
		missing(chk, s, v1 ? "prevIds" : "prevId");
	version = ml_json_member(root, "version");
	if (!cJSON_IsString(version))
		missing(chk, s, "version");
	dialect = ml_json_member(root, "dialect");
	if (!cJSON_IsString(dialect))
		missing(chk, s, "dialect");
	else if (strcmp(dialect->valuestring, "postgresql") != 0 &&
			 strcmp(dialect->valuestring, "postgres") != 0)
	{
		d = ml_report_at_json(chk, &s->file, dialect, "snapshot dialect is \"%s\", not PostgreSQL",
							  dialect->valuestring);
		ml_diag_hint(d, "Keep only PostgreSQL snapshots in this folder.");
	}
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	for (size_t i = 0; i < chk->meta->n_snapshots; i++)
		check_one(chk, &chk->meta->snapshots[i], chk->folder->kind == ML_FOLDER_DRIZZLE_V1);
}

const struct ml_rule ml_rule_snapshot_invalid = {
	.name = "snapshot-invalid",
	.category = ML_CATEGORY_SNAPSHOT,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a snapshot drizzle-kit cannot read",
	.why = "drizzle-kit generate diffs the schema against the newest snapshot and check reads "
		   "them all. An empty file, a merge conflict marker, or a snapshot without id, parent "
		   "id, version or dialect makes check fail and generate write nothing.",
	.fix = "Restore the snapshot from version control; after a merge conflict, regenerate "
		   "instead of merging snapshot files by hand.",
	.bad = "<<<<<<< HEAD\n{\"id\": \"...\", ...",
	.good = "{\"id\": \"273cff73-...\", \"prevId\": \"c7afbe44-...\", \"version\": \"7\", "
			"\"dialect\": \"postgresql\", ...}",
	.check_folder = check,
};
