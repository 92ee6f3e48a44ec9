/* SPDX-License-Identifier: MIT */
/*
 * renaming_column.c
 *	  Flags ALTER TABLE ... RENAME COLUMN on a table that existed before the migration.
 *
 * During a rolling deploy the instances still running the old code keep using the old name
 * and fail from the moment the migration commits. drizzle-kit writes RENAME COLUMN when its
 * prompt is answered "rename". A table created in the same migration is exempt.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__RenameStmt *rs;
	const char *table;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_RENAME_STMT)
		return;
	rs = stmt->node->rename_stmt;
	if (rs->rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN ||
		rs->relation_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
		!ml_check_table_existed(chk, rs->relation))
		return;
	table = ml_name_range_var(chk->arena, rs->relation);
	d = ml_report(chk, stmt, "column %s of table %s is renamed to %s",
				  ml_quote_ident(chk->arena, rs->subname), table,
				  ml_quote_ident(chk->arena, rs->newname));
	ml_diag_detail(d, "Instances still running the code of the previous release use the old "
					  "name and fail from the moment this migration commits.");
	ml_diag_hint(d, "Add the new column, write to both, backfill, move reads over, then drop the "
					"old column in a later release; or rename in a release that no running "
					"code depends on.");
}

const struct ml_rule ml_rule_renaming_column = {
	.name = "renaming-column",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "RENAME COLUMN on a table that already exists",
	.why = "Application instances deployed before the migration still use the old column name "
		   "and fail as soon as the rename commits.",
	.fix = "Add the new column, write to both, backfill, switch reads, and drop the old column "
		   "in a later release.",
	.bad = "ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"display_name\";",
	.good = "ALTER TABLE \"users\" ADD COLUMN IF NOT EXISTS \"display_name\" text;\n-- backfill, "
			"switch the application, drop \"name\" in a later release",
	.check_statement = check,
};
