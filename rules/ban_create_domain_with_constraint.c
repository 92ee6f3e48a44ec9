/* SPDX-License-Identifier: MIT */
/*
 * ban_create_domain_with_constraint.c
 *	  Flags CREATE DOMAIN with a CHECK or NOT NULL constraint.
 *
 * A domain's constraint can later only be changed with ALTER DOMAIN, which checks every
 * column of every table that uses the domain while it holds locks on them; a column
 * constraint can be added NOT VALID and validated without blocking writes.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__CreateDomainStmt *cd;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT)
		return;
	cd = stmt->node->create_domain_stmt;
	for (size_t i = 0; i < cd->n_constraints; i++)
	{
		const PgQuery__Constraint *c = cd->constraints[i]->constraint;

		if (c == NULL || (c->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK &&
						  c->contype != PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL))
			continue;
		d = ml_report(chk, stmt, "domain %s is created with a constraint",
					  ml_name_list(chk->arena, cd->domainname, cd->n_domainname));
		ml_diag_detail(d, "Changing a domain's constraint later takes ALTER DOMAIN, which checks "
						  "every column of every table that uses the domain while it locks them.");
		ml_diag_hint(d, "Put the constraint on the columns instead (CHECK ... NOT VALID, then "
						"VALIDATE CONSTRAINT), or create the domain without it.");
		return;
	}
}

const struct ml_rule ml_rule_ban_create_domain_with_constraint = {
	.name = "ban-create-domain-with-constraint",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "CREATE DOMAIN with a CHECK or NOT NULL constraint",
	.why = "A domain's constraint can only be changed later with ALTER DOMAIN, which scans every "
		   "column that uses the domain while it holds locks.",
	.fix = "Constrain the columns instead, where NOT VALID and VALIDATE CONSTRAINT avoid the "
		   "long lock.",
	.bad = "CREATE DOMAIN \"email\" AS text CHECK (VALUE LIKE '%@%');",
	.good = "CREATE DOMAIN \"email\" AS text;",
	.check_statement = check,
};
