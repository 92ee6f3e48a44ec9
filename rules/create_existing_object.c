/* SPDX-License-Identifier: MIT */
/*
 * create_existing_object.c
 *	  Flags a CREATE (or ADD COLUMN / ADD CONSTRAINT) of an object that earlier statements
 *	  of the folder already created and did not drop.
 *
 * Two branches generated from the same snapshot and merged both create the object. Without
 * IF NOT EXISTS the second fails on every database; with it, it silently does nothing and the
 * definition it meant is lost. The finding names where the object was created first. When
 * the whole migration is a recreation (ml_catalog_is_recreation), it is reported once, as
 * such, instead.
 */
#include "miglint/rule.h"

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	const struct ml_recreation *r;
	size_t n;

	if (chk->catalog == NULL || ml_catalog_is_recreation(chk->catalog))
		return;
	r = ml_catalog_recreations(chk->catalog, &n);
	for (size_t i = 0; i < n; i++)
	{
		bool same = r[i].first.migration == ml_catalog_migration(chk->catalog);
		struct ml_diag *d = ml_report(chk, r[i].stmt, "%s %s already exists", ml_obj_kind_name(r[i].kind),
									  r[i].name);

		if (r[i].if_not_exists)
			ml_diag_detail(d, "It was created %s at %s:%u:%u. With IF NOT EXISTS (or a guard) "
							  "this statement silently does nothing, so the definition written "
							  "here is never applied.",
						   same ? "earlier in this migration" : "by an earlier migration",
						   r[i].first.file, r[i].first.line, r[i].first.col);
		else
			ml_diag_detail(d, "It was created %s at %s:%u:%u, so this statement fails on every "
							  "database that ran it, and nothing after it runs.",
						   same ? "earlier in this migration" : "by an earlier migration",
						   r[i].first.file, r[i].first.line, r[i].first.col);
		ml_diag_hint(d, "Remove this statement, or turn it into an ALTER of the existing object "
						"if its definition changed; when two branches both created it, keep one.");
	}
}

const struct ml_rule ml_rule_create_existing_object = {
	.name = "create-existing-object",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a CREATE or ADD of an object that earlier migrations already created",
	.why = "Merged branches generated from one snapshot both create the same object. Without "
		   "IF NOT EXISTS the second CREATE fails on every database and blocks the migrations "
		   "after it; with IF NOT EXISTS it silently does nothing and its definition is lost.",
	.fix = "Remove the second CREATE, or replace it with an ALTER of what really changed.",
	.bad = "-- 0003_a.sql\nCREATE TABLE \"tags\" (\"id\" serial);\n-- 0004_b.sql\nCREATE TABLE "
		   "\"tags\" (\"id\" serial, \"name\" text);",
	.good = "-- 0003_a.sql\nCREATE TABLE \"tags\" (\"id\" serial);\n-- 0004_b.sql\nALTER TABLE "
			"\"tags\" ADD COLUMN IF NOT EXISTS \"name\" text;",
	.check_file = check,
};
