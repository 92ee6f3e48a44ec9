/* SPDX-License-Identifier: MIT */
/*
 * rule_name.c  (copy to rules/<snake_name>.c; not compiled)
 *	  One line: what the rule flags.
 *
 * What breaks in production when this slips through, and which cases are exempt and why.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_DROP_STMT)
		return;
	d = ml_report(chk, stmt, "primary message, lowercase, no period, names the object");
	ml_diag_detail(d, "Why it matters, in full sentences.");
	ml_diag_hint(d, "The exact fix.");
}

const struct ml_rule ml_rule_rule_name = {
	.name = "rule-name",
	.category = ML_CATEGORY_IDEMPOTENCE,
	.severity = ML_SEVERITY_WARNING,
	.summary = "lowercase, no period",
	.why = "Full sentences.",
	.fix = "Full sentences.",
	.bad = "SQL the rule flags;",
	.good = "The same SQL, fixed;",
	.check_statement = check,
};
