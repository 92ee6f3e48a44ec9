/* SPDX-License-Identifier: MIT */
/*
 * adding_not_nullable_field.c
 *	  Flags ALTER COLUMN ... SET NOT NULL on a table that existed before the migration.
 *
 * SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to prove there is no
 * NULL. From PostgreSQL 12 a validated CHECK (col IS NOT NULL) lets it skip the scan: add
 * the check NOT VALID, VALIDATE it (a weaker lock), then SET NOT NULL. A table created in the
 * same migration is exempt.
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
		const char *col;
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull)
			continue;
		col = ml_quote_ident(chk->arena, cmd->name);
		d = ml_report(chk, stmt, "SET NOT NULL on column %s scans table %s under a lock", col,
					  table);
		ml_diag_detail(d, "PostgreSQL reads every row of %s to prove there is no NULL while it "
						  "holds an ACCESS EXCLUSIVE lock: reads and writes wait.",
					   table);
		if (chk->config->pg_version >= 12)
			ml_diag_hint(d, "Add CHECK (%s IS NOT NULL) NOT VALID, VALIDATE it in a later "
							"migration, then SET NOT NULL: PostgreSQL 12 and later use the "
							"validated check and skip the scan.",
						 col);
		else
			ml_diag_hint(d, "Keep the NULL check in a NOT VALID CHECK constraint, validated later: "
							"before PostgreSQL 12 SET NOT NULL always scans.");
	}
}

const struct ml_rule ml_rule_adding_not_nullable_field = {
	.name = "adding-not-nullable-field",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ALTER COLUMN ... SET NOT NULL on a table that already exists",
	.why = "SET NOT NULL reads the whole table under an ACCESS EXCLUSIVE lock to prove there is "
		   "no NULL, blocking reads and writes for the length of the scan.",
	.fix = "From PostgreSQL 12: add CHECK (col IS NOT NULL) NOT VALID, validate it in a later "
		   "migration, then SET NOT NULL, which then skips the scan.",
	.bad = "ALTER TABLE \"users\" ALTER COLUMN \"email\" SET NOT NULL;",
	.good = "ALTER TABLE \"users\" ADD CONSTRAINT \"users_email_nn\" CHECK (\"email\" IS NOT NULL) "
			"NOT VALID;\n-- later: VALIDATE CONSTRAINT, then SET NOT NULL",
	.check_statement = check,
};
