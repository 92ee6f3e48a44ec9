/* SPDX-License-Identifier: MIT */
/*
 * ban_drop_database.c
 *	  Flags DROP DATABASE.
 *
 * A migration runs against one database; dropping a database from it destroys data that no
 * later migration can bring back, and on a shared server it may not even be the database the
 * author had in mind.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_DROPDB_STMT)
		return;
	d = ml_report(chk, stmt, "DROP DATABASE %s in a migration",
				  ml_quote_ident(chk->arena, stmt->node->dropdb_stmt->dbname));
	ml_diag_detail(d, "Every table, row and role grant in it is gone for good, on every "
					  "database the migration runs on.");
	ml_diag_hint(d, "Drop databases by hand, with a backup, outside the migrations.");
}

const struct ml_rule ml_rule_ban_drop_database = {
	.name = "ban-drop-database",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_ERROR,
	.summary = "DROP DATABASE in a migration",
	.why = "A migration that drops a database destroys all of its data on every environment it "
		   "runs on, and nothing can undo it.",
	.fix = "Drop databases by hand, with a backup, outside the migrations.",
	.bad = "DROP DATABASE \"analytics\";",
	.good = "-- dropped by hand after a backup, not in a migration",
	.check_statement = check,
};
