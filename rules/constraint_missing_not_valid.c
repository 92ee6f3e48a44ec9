/* SPDX-License-Identifier: MIT */
/*
 * constraint_missing_not_valid.c
 *	  Flags ADD CONSTRAINT ... FOREIGN KEY / CHECK without NOT VALID on a table that existed
 *	  before the migration.
 *
 * Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on the table and the table it
 * references, and adding a CHECK an ACCESS EXCLUSIVE lock, and both then read every row
 * before they let go. NOT VALID adds the constraint for new rows at once; VALIDATE
 * CONSTRAINT, later, checks the old ones under a lock that lets writes through. A table
 * created in the same migration is empty, so it is exempt.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterTableStmt *at = ml_check_alter_existing_table(chk, stmt);
	const char *table;

	if (at == NULL)
		return;
	table = ml_name_range_var(chk->arena, at->relation);
	for (size_t i = 0; i < at->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;
		const PgQuery__Constraint *con;
		bool fk;
		const char *name;
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint ||
			cmd->def == NULL || cmd->def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		con = cmd->def->constraint;
		fk = con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN;
		if ((!fk && con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) || con->skip_validation)
			continue;
		name = con->conname && con->conname[0] ? ml_quote_ident(chk->arena, con->conname)
											   : "<name>";
		d = ml_report(chk, stmt, "%s constraint %s checks every row of table %s under a lock",
					  fk ? "FOREIGN KEY" : "CHECK", name, table);
		if (fk)
			ml_diag_detail(d, "It takes a SHARE ROW EXCLUSIVE lock on %s and on %s, and reads "
							  "every row before it lets go: writes to both tables wait.",
						   table, ml_name_range_var(chk->arena, con->pktable));
		else
			ml_diag_detail(d, "It takes an ACCESS EXCLUSIVE lock on %s and reads every row "
							  "before it lets go: reads and writes wait.",
						   table);
		ml_diag_hint(d, "Add it with NOT VALID (only new rows are checked, at once), then run "
						"ALTER TABLE %s VALIDATE CONSTRAINT %s in a later migration: it checks "
						"the old rows without blocking writes.",
					 table, name);
	}
}

const struct ml_rule ml_rule_constraint_missing_not_valid = {
	.name = "constraint-missing-not-valid",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "a FOREIGN KEY or CHECK added without NOT VALID to a table that already exists",
	.why = "Adding a foreign key or a check constraint reads every existing row while it holds "
		   "a lock that blocks writes (a CHECK blocks reads too). On a big table that is an "
		   "outage. A table created in the same migration is empty and exempt.",
	.fix = "Add the constraint with NOT VALID, then VALIDATE CONSTRAINT in a later migration, "
		   "which checks the old rows without blocking writes.",
	.bad = "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_fk\" FOREIGN KEY (\"author_id\") "
		   "REFERENCES \"users\"(\"id\");",
	.good = "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_fk\" FOREIGN KEY (\"author_id\") "
			"REFERENCES \"users\"(\"id\") NOT VALID;\n-- next migration:\nALTER TABLE \"posts\" "
			"VALIDATE CONSTRAINT \"posts_author_fk\";",
	.check_statement = check,
};
