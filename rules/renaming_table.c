/* SPDX-License-Identifier: MIT */
/*
 * renaming_table.c
 *	  Flags ALTER TABLE ... RENAME TO on a table that existed before the migration.
 *
 * Instances still running the previous release query the old name and fail once the rename
 * commits. A table created in the same migration is exempt.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__RenameStmt *rs;
	PgQuery__RangeVar renamed;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_RENAME_STMT)
		return;
	rs = stmt->node->rename_stmt;
	if (rs->rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE || rs->relation == NULL)
		return;
	/* The catalog has replayed the rename already: the table is under its new name. */
	renamed = *rs->relation;
	renamed.relname = rs->newname;
	if (!ml_check_table_existed(chk, &renamed))
		return;
	d = ml_report(chk, stmt, "table %s is renamed to %s",
				  ml_name_range_var(chk->arena, rs->relation),
				  ml_quote_ident(chk->arena, rs->newname));
	ml_diag_detail(d, "Instances still running the code of the previous release query the old "
					  "name and fail from the moment this migration commits.");
	ml_diag_hint(d, "Create the new table (or a view with the new name), move the application "
					"over, and drop the old name in a later release.");
}

const struct ml_rule ml_rule_renaming_table = {
	.name = "renaming-table",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "RENAME TO of a table that already exists",
	.why = "Application instances deployed before the migration still query the old table name "
		   "and fail as soon as the rename commits.",
	.fix = "Introduce the new name beside the old one (a new table or a view), move the "
		   "application, then drop the old name in a later release.",
	.bad = "ALTER TABLE \"posts\" RENAME TO \"articles\";",
	.good = "CREATE OR REPLACE VIEW \"articles\" AS SELECT * FROM \"posts\";",
	.check_statement = check,
};
