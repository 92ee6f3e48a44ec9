/* SPDX-License-Identifier: MIT */
/*
 * ban_truncate_cascade.c
 *	  Flags TRUNCATE ... CASCADE.
 *
 * CASCADE also empties every table that references the truncated ones through a foreign key,
 * and every table that references those, silently: the data loss reaches tables the
 * statement never names.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_TRUNCATE_STMT ||
		stmt->node->truncate_stmt->behavior != PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE)
		return;
	d = ml_report(chk, stmt, "TRUNCATE ... CASCADE empties every table that references these");
	ml_diag_detail(d, "CASCADE follows foreign keys: tables the statement does not name lose "
					  "all their rows too.");
	ml_diag_hint(d, "Name every table to empty and drop CASCADE, so that a missed reference "
					"fails instead of losing data.");
}

const struct ml_rule ml_rule_ban_truncate_cascade = {
	.name = "ban-truncate-cascade",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "TRUNCATE ... CASCADE",
	.why = "TRUNCATE CASCADE also empties every table that references the named ones, and the "
		   "ones referencing those: data disappears from tables the migration never names.",
	.fix = "List every table to empty explicitly and leave out CASCADE.",
	.bad = "TRUNCATE \"users\" CASCADE;",
	.good = "TRUNCATE \"sessions\", \"users\";",
	.check_statement = check,
};
