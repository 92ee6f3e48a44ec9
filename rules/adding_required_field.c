/* SPDX-License-Identifier: MIT */
/*
 * adding_required_field.c
 *	  Flags ADD COLUMN ... NOT NULL without a DEFAULT on a table that existed before the
 *	  migration.
 *
 * PostgreSQL fills the new column of every existing row with its default, NULL when there is
 * none, which NOT NULL refuses: the migration fails on any table with rows, as production
 * tables have. serial, identity and generated columns have a value and are fine; so is a new
 * table of the same migration, which is empty.
 */
#include <string.h>

#include "miglint/rule.h"

/* True when the column gets a value for existing rows: a DEFAULT, identity, generated, serial. */
static bool
has_value(const PgQuery__ColumnDef *cd)
{
	if (cd->raw_default != NULL || cd->identity[0] != '\0' || cd->generated[0] != '\0')
		return true;
	for (size_t i = 0; i < cd->n_constraints; i++)
	{
		const PgQuery__Constraint *c = cd->constraints[i]->constraint;

		if (c != NULL && (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED))
			return true;
	}
	if (cd->type_name != NULL && cd->type_name->n_names > 0)
	{
		const PgQuery__Node *last = cd->type_name->names[cd->type_name->n_names - 1];
		const char *t = last->node_case == PG_QUERY__NODE__NODE_STRING ? last->string->sval : "";

		return strstr(t, "serial") != NULL;
	}
	return false;
}

static bool
not_null(const PgQuery__ColumnDef *cd)
{
	if (cd->is_not_null)
		return true;
	for (size_t i = 0; i < cd->n_constraints; i++)
	{
		const PgQuery__Constraint *c = cd->constraints[i]->constraint;

		if (c != NULL && (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL ||
						  c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY))
			return true;
	}
	return false;
}

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
		const PgQuery__ColumnDef *cd;
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn ||
			cmd->def == NULL || cmd->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
			continue;
		cd = cmd->def->column_def;
		if (!not_null(cd) || has_value(cd))
			continue;
		d = ml_report(chk, stmt, "column %s of table %s is added NOT NULL without a DEFAULT",
					  ml_quote_ident(chk->arena, cd->colname), table);
		ml_diag_detail(d, "PostgreSQL gives the new column of every existing row of %s the value "
						  "NULL, which NOT NULL refuses: the migration fails unless the table is "
						  "empty.",
					   table);
		ml_diag_hint(d, "Add it with a DEFAULT, or add it nullable, backfill it, and SET NOT NULL "
						"in a later migration.");
	}
}

const struct ml_rule ml_rule_adding_required_field = {
	.name = "adding-required-field",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_ERROR,
	.summary = "ADD COLUMN ... NOT NULL without a DEFAULT on a table that already exists",
	.why = "Existing rows get NULL in a new column without a default, which NOT NULL refuses, "
		   "so the migration fails on every table that has rows. It passes in development on an "
		   "empty table and fails in production.",
	.fix = "Give the column a DEFAULT (a constant default is instant on PostgreSQL 11 and "
		   "later), or add it nullable, backfill it, and SET NOT NULL in a later migration.",
	.bad = "ALTER TABLE \"users\" ADD COLUMN \"plan\" text NOT NULL;",
	.good = "ALTER TABLE \"users\" ADD COLUMN \"plan\" text DEFAULT 'free' NOT NULL;",
	.check_statement = check,
};
