/* SPDX-License-Identifier: MIT */
/*
 * disallowed_unique_constraint.c
 *	  Flags a UNIQUE constraint added to a table that existed before the migration.
 *
 * ADD CONSTRAINT ... UNIQUE (and ADD COLUMN ... UNIQUE) builds the constraint's index while
 * holding an ACCESS EXCLUSIVE lock: nothing reads or writes the table for as long as the
 * build takes. Building the index with CREATE UNIQUE INDEX CONCURRENTLY and attaching it with
 * ADD CONSTRAINT ... UNIQUE USING INDEX holds that lock only for a moment, so USING INDEX is
 * not flagged. A table created earlier in the same migration is empty and is exempt. The
 * name is squawk's.
 */
#include "miglint/rule.h"

/* The constraint's name as PostgreSQL chooses it when none is given: <table>_<cols>_key. */
static const char *
constraint_name(struct ml_check *chk, const PgQuery__AlterTableStmt *at,
				const PgQuery__Constraint *c, const char *column)
{
	const char *cols = "";

	if (c->conname != NULL && c->conname[0] != '\0')
		return ml_quote_ident(chk->arena, c->conname);
	if (column != NULL)
		cols = column;
	else
		for (size_t i = 0; i < c->n_keys; i++)
			if (c->keys[i]->node_case == PG_QUERY__NODE__NODE_STRING)
				cols = ml_arena_printf(chk->arena, "%s%s%s", cols, cols[0] ? "_" : "",
									   c->keys[i]->string->sval);
	return ml_quote_ident(chk->arena,
						  ml_arena_printf(chk->arena, "%s_%s_key", at->relation->relname, cols));
}

/* Reports one unique constraint that an ADD CONSTRAINT or an ADD COLUMN ('column') adds. */
static void
report(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__AlterTableStmt *at,
	   const PgQuery__Constraint *c, const PgQuery__ColumnDef *column)
{
	const char *table = ml_name_range_var(chk->arena, at->relation);
	const char *col = column != NULL ? ml_quote_ident(chk->arena, column->colname) : NULL;
	const char *name = constraint_name(chk, at, c, column != NULL ? column->colname : NULL);
	struct ml_diag *d;

	if (col != NULL)
		d = ml_report(chk, stmt, "column %s is added to table %s with a UNIQUE constraint", col,
					  table);
	else
		d = ml_report(chk, stmt, "unique constraint %s is added to table %s", name, table);
	ml_diag_detail(d, "A UNIQUE constraint builds its index while it holds an ACCESS EXCLUSIVE "
					  "lock on %s: nothing reads or writes the table until the index is built.",
				   table);
	ml_diag_hint(d, "%sBuild the index first with CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s), "
					"then attach it: ALTER TABLE %s ADD CONSTRAINT %s UNIQUE USING INDEX %s.%s",
				 col != NULL ? "Add the column without UNIQUE. " : "", name, table,
				 col != NULL ? col : ml_constraint_key_columns(chk, c), table, name, name,
				 ml_check_concurrently_note(chk));
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterTableStmt *at = ml_check_alter_existing_table(chk, stmt);

	if (at != NULL)
		ml_alter_added_constraints(chk, stmt, at, PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE, report);
}

const struct ml_rule ml_rule_disallowed_unique_constraint = {
	.name = "disallowed-unique-constraint",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ADD CONSTRAINT ... UNIQUE or ADD COLUMN ... UNIQUE on a table that already exists",
	.why = "A UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock, so nothing reads "
		   "or writes the table until the build ends. A constraint attached USING INDEX to an "
		   "index built CONCURRENTLY holds the lock only for a moment. A table created earlier in "
		   "the same migration is exempt.",
	.fix = "Build the index with CREATE UNIQUE INDEX CONCURRENTLY (outside the migrator's "
		   "transaction), then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX.",
	.bad = "ALTER TABLE \"users\" ADD CONSTRAINT \"users_email_key\" UNIQUE (\"email\");",
	.good = "CREATE UNIQUE INDEX CONCURRENTLY \"users_email_key\" ON \"users\" (\"email\");\n"
			"ALTER TABLE \"users\" ADD CONSTRAINT \"users_email_key\" UNIQUE USING INDEX "
			"\"users_email_key\";",
	.check_statement = check,
};
