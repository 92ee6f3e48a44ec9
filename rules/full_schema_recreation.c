/* SPDX-License-Identifier: MIT */
/*
 * full_schema_recreation.c
 *	  Flags a migration that creates again most of what earlier migrations created.
 *
 * The classic drizzle-kit failure: the snapshots were missing (git-ignored, lost in a merge,
 * a new out folder) when the migration was generated, so drizzle-kit diffed against an empty
 * schema and wrote CREATE for everything. The migration fails on every database that has the
 * schema ("type ... already exists"), and the one real change is buried in it. Fires when a
 * migration recreates 3 or more tables, or more than half of the tables that existed before
 * it (ml_catalog_is_recreation); the per-object findings then stay quiet for that migration,
 * so one finding lists all.
 */
#include "miglint/rule.h"

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	const struct ml_recreation *r;
	const char *list = "";
	size_t n, shown = 0;
	struct ml_diag *d;

	if (chk->catalog == NULL || !ml_catalog_is_recreation(chk->catalog))
		return;
	r = ml_catalog_recreations(chk->catalog, &n);
	for (size_t i = 0; i < n; i++)
	{
		if (r[i].first.migration >= ml_catalog_migration(chk->catalog))
			continue;
		if (shown < 8)
			list = ml_arena_printf(chk->arena, "%s%s%s %s", list, shown ? ", " : "",
								   ml_obj_kind_name(r[i].kind), r[i].name);
		shown++;
	}
	if (shown > 8)
		list = ml_arena_printf(chk->arena, "%s and %zu more", list, shown - 8);
	d = ml_report(chk, r[0].stmt, "migration recreates objects that earlier migrations created: %s",
				  list);
	ml_diag_detail(d, "This is what drizzle-kit generate writes when it cannot find the earlier "
					  "snapshots (git-ignored, lost in a merge, a changed out folder): it diffs "
					  "against an empty schema. The migration fails on every database that has "
					  "the schema, and blocks every migration after it.");
	ml_diag_hint(d, "Delete this migration file, remove its journal entry, delete its snapshot "
					"(its prevId is likely the origin), restore the earlier snapshots, and write "
					"an incremental migration for what really changed, e.g. ALTER TABLE ... ADD "
					"COLUMN IF NOT EXISTS ....");
}

const struct ml_rule ml_rule_full_schema_recreation = {
	.name = "full-schema-recreation",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a migration that creates again most of the existing schema",
	.why = "When drizzle-kit generate cannot find the earlier snapshots it diffs against an "
		   "empty schema and writes CREATE for every table, type and index. The migration fails "
		   "on every database that already has them and hides the one real change.",
	.fix = "Delete the migration, its journal entry and its snapshot; restore the earlier "
		   "snapshots; write an incremental migration (ALTER TABLE ... ADD COLUMN IF NOT EXISTS) "
		   "for what actually changed.",
	.bad = "-- 0005, after 0000..0004 created them:\nCREATE TYPE \"public\".\"post_status\" AS "
		   "ENUM('draft');\nCREATE TABLE \"posts\" (...);\nCREATE TABLE \"users\" (...);",
	.good = "-- 0005:\nALTER TABLE \"users\" ADD COLUMN IF NOT EXISTS \"avatar_url\" text;",
	.check_file = check,
};
