/* SPDX-License-Identifier: MIT */
/*
 * adding_field_with_default.c
 *	  Flags ADD COLUMN on an existing table whose value PostgreSQL must compute per row.
 *
 * Since PostgreSQL 11 a constant (or stable) DEFAULT is stored once and the ADD COLUMN is
 * instant. A volatile default (gen_random_uuid(), random(), clock_timestamp(), a serial's
 * nextval()), an identity or a stored generated column makes PostgreSQL rewrite the whole table under an
 * ACCESS EXCLUSIVE lock; before PostgreSQL 11 (the config's pgVersion) any DEFAULT does.
 * Volatile calls are found at the top of the expression and through casts, operators and
 * COALESCE; a table created earlier in the same migration is exempt.
 */
#include <string.h>

#include "miglint/rule.h"

static const char *volatile_call(const PgQuery__Node *n);

/* The first volatile call among 'n' expressions, or NULL. */
static const char *
first_volatile(PgQuery__Node *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		const char *fn = volatile_call(items[i]);

		if (fn != NULL)
			return fn;
	}
	return NULL;
}

/* The volatile functions a default commonly calls, or NULL when 'n' has none of them. */
static const char *
volatile_call(const PgQuery__Node *n)
{
	static const char *const names[] = {"random", "gen_random_uuid", "uuid_generate_v1",
										"uuid_generate_v1mc", "uuid_generate_v4",
										"clock_timestamp", "timeofday", "nextval", NULL};

	if (n == NULL)
		return NULL;
	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_FUNC_CALL:
		{
			const PgQuery__FuncCall *fc = n->func_call;
			const PgQuery__Node *last = fc->n_funcname ? fc->funcname[fc->n_funcname - 1] : NULL;

			if (last != NULL && last->node_case == PG_QUERY__NODE__NODE_STRING)
				for (size_t i = 0; names[i] != NULL; i++)
					if (strcmp(last->string->sval, names[i]) == 0)
						return names[i];
			return first_volatile(fc->args, fc->n_args);
		}
		case PG_QUERY__NODE__NODE_TYPE_CAST:
			return volatile_call(n->type_cast->arg);
		case PG_QUERY__NODE__NODE_A_EXPR:
		{
			const char *fn = volatile_call(n->a_expr->lexpr);

			return fn != NULL ? fn : volatile_call(n->a_expr->rexpr);
		}
		case PG_QUERY__NODE__NODE_COALESCE_EXPR:
			return first_volatile(n->coalesce_expr->args, n->coalesce_expr->n_args);
		default:
			return NULL;
	}
}

/* Why the new column makes PostgreSQL rewrite the table, or NULL when it does not. */
static const char *
rewrite_reason(struct ml_check *chk, const PgQuery__ColumnDef *cd)
{
	const char *type = cd->type_name ? ml_type_base_name(cd->type_name) : "";

	if (strcmp(type, "serial") == 0 || strcmp(type, "bigserial") == 0 ||
		strcmp(type, "smallserial") == 0 || strcmp(type, "serial4") == 0 ||
		strcmp(type, "serial8") == 0 || strcmp(type, "serial2") == 0)
		return ml_arena_printf(chk->arena, "a %s column is filled from nextval(), a volatile "
										   "default",
							   type);
	for (size_t i = 0; i < cd->n_constraints; i++)
	{
		const PgQuery__Constraint *c = cd->constraints[i]->constraint;
		const char *fn;

		if (c == NULL)
			continue;
		if (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED)
			return "a stored generated column is computed for every row";
		if (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY)
			return "an identity column is filled from its sequence";
		if (c->contype != PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT)
			continue;
		fn = volatile_call(c->raw_expr);
		if (fn != NULL)
			return ml_arena_printf(chk->arena, "its DEFAULT calls %s(), which is volatile", fn);
		if (chk->config->pg_version < 11)
			return "before PostgreSQL 11 every DEFAULT is written into every row";
	}
	return NULL;
}

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
		const char *why;
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn ||
			cmd->def == NULL || cmd->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
			continue;
		why = rewrite_reason(chk, cmd->def->column_def);
		if (why == NULL)
			continue;
		d = ml_report(chk, stmt, "column %s added to table %s rewrites the table",
					  ml_quote_ident(chk->arena, cmd->def->column_def->colname),
					  ml_name_range_var(chk->arena, at->relation));
		ml_diag_detail(d, "PostgreSQL computes the value for every existing row, because %s: "
						  "the table is rewritten under an ACCESS EXCLUSIVE lock, and nothing "
						  "reads or writes it meanwhile.",
					   why);
		if (chk->config->pg_version < 11)
			ml_diag_hint(d, "Add the column without a default and without NOT NULL, set the "
							"default with ALTER COLUMN ... SET DEFAULT (it applies to new rows "
							"only), and backfill existing rows in batches.");
		else
			ml_diag_hint(d, "Add the column without the default (or with a constant one), set "
							"the default with ALTER COLUMN ... SET DEFAULT, and backfill existing "
							"rows in batches.");
	}
}

const struct ml_rule ml_rule_adding_field_with_default = {
	.name = "adding-field-with-default",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ADD COLUMN whose default makes PostgreSQL rewrite an existing table",
	.why = "A volatile DEFAULT (gen_random_uuid(), random(), a serial), an identity or stored "
		   "generated column, or any DEFAULT before PostgreSQL 11 rewrites the whole table under an ACCESS "
		   "EXCLUSIVE lock.",
	.fix = "Add the column without that default, set the default afterwards, and backfill in "
		   "batches.",
	.bad = "ALTER TABLE \"users\" ADD COLUMN \"token\" uuid DEFAULT gen_random_uuid();",
	.good = "ALTER TABLE \"users\" ADD COLUMN \"token\" uuid;\nALTER TABLE \"users\" ALTER COLUMN "
			"\"token\" SET DEFAULT gen_random_uuid();",
	.check_statement = check,
};
