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
	struct ml_diag *d = ml_report_at_snapshot(chk, s, ML_SNAP_START, "snapshot has no \"%s\"", key);

	ml_diag_detail(d, "drizzle-kit validates every snapshot and rejects one without \"%s\".", key);
	ml_diag_hint(d, "Restore the file from version control.");
}

static void
check_one(struct ml_check *chk, const struct ml_snapshot *s, bool v1)
{
	struct ml_diag *d;

	if (s->read_error != NULL)
	{
		d = ml_report_at_snapshot(chk, s, ML_SNAP_START, "%s", s->read_error);
		ml_diag_detail(d, "drizzle-kit cannot read this snapshot: check fails, and generate "
						  "writes nothing until it is repaired.");
		ml_diag_hint(d, "Restore the file from version control.");
		return;
	}
	if (!s->parsed)
	{
		d = ml_report_in(chk, ml_snapshot_open(chk->meta, s)->src, s->error_at, s->error_at + 1,
						 "snapshot is not valid JSON");
		ml_diag_detail(d, "drizzle-kit cannot parse this snapshot: check fails, and generate "
						  "writes nothing until it is repaired.");
		ml_diag_hint(d, "Fix the JSON here (after a merge conflict, regenerate rather than "
						"merge snapshots), or restore the file from version control.");
		return;
	}
	if (s->root != ML_JSON_OBJECT)
	{
		d = ml_report_at_snapshot(chk, s, ML_SNAP_ROOT, "snapshot is not a JSON object");
		ml_diag_hint(d, "Restore the file from version control.");
		return;
	}
	if (s->id_kind != ML_JSON_ABSENT && s->id_kind != ML_JSON_STRING)
	{
		d = ml_report_at_snapshot(chk, s, ML_SNAP_ID, "\"id\" of the snapshot is not a string");
		ml_diag_hint(d, "Restore the file from version control.");
	}
	else if (s->id_kind == ML_JSON_ABSENT)
		missing(chk, s, "id");
	if (s->prev_kind != (v1 ? ML_JSON_ARRAY : ML_JSON_STRING))
		missing(chk, s, v1 ? "prevIds" : "prevId");
	if (s->version != ML_JSON_STRING)
		missing(chk, s, "version");
	if (s->dialect == NULL)
		missing(chk, s, "dialect");
	else if (strcmp(s->dialect, "postgresql") != 0 && strcmp(s->dialect, "postgres") != 0)
	{
		d = ml_report_at_snapshot(chk, s, ML_SNAP_DIALECT,
								  "snapshot dialect is \"%s\", not PostgreSQL", s->dialect);
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
