/* SPDX-License-Identifier: MIT */
/*
 * ban_drop_not_null.c
 *	  Flags ALTER COLUMN ... DROP NOT NULL on a table that existed before this migration.
 *
 * The change is instant, but code still running the previous release reads the column as
 * never null; the first NULL a newer instance writes breaks it. A table created earlier in
 * the same migration is exempt.
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
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull)
			continue;
		d = ml_report(chk, stmt, "column %s of table %s drops NOT NULL",
					  ml_quote_ident(chk->arena, cmd->name),
					  ml_name_range_var(chk->arena, at->relation));
		ml_diag_detail(d, "Instances still running the previous release read the column as never "
						  "null; the first NULL a newer instance writes breaks them.");
		ml_diag_hint(d, "Ship code that handles NULL first, then drop NOT NULL in a later "
						"release.");
	}
}

const struct ml_rule ml_rule_ban_drop_not_null = {
	.name = "ban-drop-not-null",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ALTER COLUMN ... DROP NOT NULL on an existing table",
	.why = "Code of the previous release assumes the column is never null and breaks on the "
		   "first NULL.",
	.fix = "Deploy code that handles NULL before the migration that allows it.",
	.bad = "ALTER TABLE \"users\" ALTER COLUMN \"email\" DROP NOT NULL;",
	.good = "-- after the release that handles a NULL email:\nALTER TABLE \"users\" ALTER COLUMN "
			"\"email\" DROP NOT NULL;",
	.check_statement = check,
};
