/* SPDX-License-Identifier: MIT */
/*
 * ban_exclusion_constraint.c
 *	  Flags ADD CONSTRAINT ... EXCLUDE on a table that existed before this migration.
 *
 * An exclusion constraint cannot be added NOT VALID: PostgreSQL builds its index and checks
 * every row while it holds an ACCESS EXCLUSIVE lock, so nothing reads or writes the table
 * until it is done. A table created earlier in the same migration is empty and exempt.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterTableStmt *at = ml_check_alter_existing_table(chk, stmt);

	if (at == NULL)
		return;
	for (size_t i = 0; i < at->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;
		const PgQuery__Constraint *c;
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint ||
			cmd->def == NULL || cmd->def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		c = cmd->def->constraint;
		if (c->contype != PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
			continue;
		d = ml_report(chk, stmt, "exclusion constraint%s%s on table %s locks it while it checks "
								 "every row",
					  c->conname && c->conname[0] ? " " : "",
					  c->conname && c->conname[0] ? ml_quote_ident(chk->arena, c->conname) : "",
					  ml_name_range_var(chk->arena, at->relation));
		ml_diag_detail(d, "An exclusion constraint cannot be added NOT VALID: PostgreSQL builds "
						  "its index and checks every row under an ACCESS EXCLUSIVE lock, so "
						  "nothing reads or writes the table meanwhile.");
		ml_diag_hint(d, "Add it while the table is small or in a maintenance window, or enforce "
						"the rule another way (a unique index built CONCURRENTLY, a trigger).");
	}
}

const struct ml_rule ml_rule_ban_exclusion_constraint = {
	.name = "ban-exclusion-constraint",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ADD CONSTRAINT ... EXCLUDE on an existing table",
	.why = "Exclusion constraints cannot be added NOT VALID: the table is locked against reads "
		   "and writes while every row is checked.",
	.fix = "Add it while the table is small, or enforce the rule with a concurrently built "
		   "index or a trigger.",
	.bad = "ALTER TABLE \"bookings\" ADD CONSTRAINT \"no_overlap\" EXCLUDE USING gist (\"room\" "
		   "WITH =, \"during\" WITH &&);",
	.good = "CREATE TABLE IF NOT EXISTS \"bookings\" (\"room\" int, \"during\" tstzrange, EXCLUDE "
			"USING gist (\"room\" WITH =, \"during\" WITH &&));",
	.check_statement = check,
};
