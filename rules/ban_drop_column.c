/* SPDX-License-Identifier: MIT */
/*
 * ban_drop_column.c
 *	  Flags ALTER TABLE ... DROP COLUMN on a table that existed before the migration.
 *
 * Old application instances still select the column during a rolling deploy and fail until
 * every instance runs the new code. A table created earlier in the same migration is exempt
 * (the catalog says so).
 */
#include "miglint/rule.h"

/* Reports each DROP COLUMN command; other ALTER TABLE commands are not ours. */
static void
check_alter_table(struct ml_check *chk, const struct ml_stmt *stmt,
				  const PgQuery__AlterTableStmt *alter)
{
	for (size_t i = 0; i < alter->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = alter->cmds[i]->alter_table_cmd;
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn)
			continue;
		d = ml_report(chk, stmt, "column %s of table %s is dropped",
					  ml_quote_ident(chk->arena, cmd->name),
					  ml_name_range_var(chk->arena, alter->relation));
		ml_diag_detail(d, "Instances deployed before this migration still read the column and "
						  "fail, until every instance runs the new code.");
		ml_diag_hint(d, "Stop reading the column in one release, then drop it in a later "
						"migration.");
	}
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterTableStmt *at = ml_check_alter_existing_table(chk, stmt);

	if (at != NULL)
		check_alter_table(chk, stmt, at);
}

const struct ml_rule ml_rule_ban_drop_column = {
	.name = "ban-drop-column",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ALTER TABLE ... DROP COLUMN on a table that already exists",
	.why = "Old instances still read the column during a deploy and fail.",
	.fix = "Stop reading the column first; drop it in a later migration.",
	.bad = "ALTER TABLE users DROP COLUMN email;",
	.good = "ALTER TABLE users DROP COLUMN IF EXISTS email; -- after the release that stops "
			"reading it",
	.check_statement = check,
};
