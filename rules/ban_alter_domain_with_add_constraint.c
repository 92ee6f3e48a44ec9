/* SPDX-License-Identifier: MIT */
/*
 * ban_alter_domain_with_add_constraint.c
 *	  Flags ALTER DOMAIN ... ADD CONSTRAINT (unless NOT VALID).
 *
 * PostgreSQL checks the new constraint against every column of every table that uses the
 * domain, holding locks on those tables while it reads them. With NOT VALID only new values
 * are checked, so that form is not flagged.
 */
#include <string.h>

#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterDomainStmt *ad;
	const PgQuery__Constraint *c;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT)
		return;
	ad = stmt->node->alter_domain_stmt;
	if (strcmp(ad->subtype, "C") != 0)
		return;
	c = ad->def != NULL ? ad->def->constraint : NULL;
	if (c != NULL && c->skip_validation)
		return;
	d = ml_report(chk, stmt, "ALTER DOMAIN %s ADD CONSTRAINT checks every column using the domain",
				  ml_name_list(chk->arena, ad->type_name, ad->n_type_name));
	ml_diag_detail(d, "PostgreSQL checks the constraint against every row of every table with a "
					  "column of this domain, and holds locks on those tables while it reads them.");
	ml_diag_hint(d, "Add it NOT VALID, then VALIDATE CONSTRAINT in a later migration; or put the "
					"constraint on the columns instead.");
}

const struct ml_rule ml_rule_ban_alter_domain_with_add_constraint = {
	.name = "ban-alter-domain-with-add-constraint",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID",
	.why = "Adding a constraint to a domain checks every column that uses it, under locks, which "
		   "on big tables stalls writes.",
	.fix = "Add it NOT VALID and validate it in a later migration, or constrain the columns.",
	.bad = "ALTER DOMAIN \"email\" ADD CONSTRAINT \"email_at\" CHECK (VALUE LIKE '%@%');",
	.good = "ALTER DOMAIN \"email\" ADD CONSTRAINT \"email_at\" CHECK (VALUE LIKE '%@%') NOT "
			"VALID;",
	.check_statement = check,
};
