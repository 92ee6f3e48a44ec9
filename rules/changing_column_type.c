/* SPDX-License-Identifier: MIT */
/*
 * changing_column_type.c
 *	  Flags ALTER COLUMN ... TYPE on a table that existed before the migration.
 *
 * Changing a column's type takes an ACCESS EXCLUSIVE lock; unless the new type is
 * binary-compatible with the old one (varchar(n) to text, a longer varchar), PostgreSQL
 * rewrites the whole table and rebuilds its indexes while every read and write waits, and
 * application code still sends the old type. A new table of the same migration is exempt.
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
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType)
			continue;
		d = ml_report(chk, stmt, "type of column %s of table %s is changed",
					  ml_quote_ident(chk->arena, cmd->name), table);
		ml_diag_detail(d, "ALTER COLUMN ... TYPE takes an ACCESS EXCLUSIVE lock on %s and, unless "
						  "the new type is binary-compatible (varchar(n) to text, a longer "
						  "varchar), rewrites the table and its indexes while reads and writes "
						  "wait.",
					   table);
		ml_diag_hint(d, "Add a column of the new type, backfill it in batches, move the "
						"application to it, then drop the old column in a later migration.");
	}
}

const struct ml_rule ml_rule_changing_column_type = {
	.name = "changing-column-type",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ALTER COLUMN ... TYPE on a table that already exists",
	.why = "Changing a column's type locks the table against reads and writes and, for most type "
		   "changes, rewrites the table and rebuilds its indexes while the lock is held.",
	.fix = "Add a column of the new type, backfill it in batches, switch the application over, "
		   "then drop the old column.",
	.bad = "ALTER TABLE \"audit_log\" ALTER COLUMN \"entity_id\" SET DATA TYPE varchar(64);",
	.good = "ALTER TABLE \"audit_log\" ADD COLUMN IF NOT EXISTS \"entity_ref\" varchar(64);\n"
			"-- backfill in batches, switch the application, drop \"entity_id\" later",
	.check_statement = check,
};
