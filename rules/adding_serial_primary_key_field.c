/* SPDX-License-Identifier: MIT */
/*
 * adding_serial_primary_key_field.c
 *	  Flags a PRIMARY KEY added to a table that existed before the migration.
 *
 * ADD PRIMARY KEY (and ADD COLUMN ... PRIMARY KEY) builds the key's unique index while
 * holding an ACCESS EXCLUSIVE lock: nothing reads or writes the table for as long as the
 * build takes. Building the index with CREATE UNIQUE INDEX CONCURRENTLY and attaching it with
 * ADD CONSTRAINT ... PRIMARY KEY USING INDEX holds that lock only for a moment, so USING INDEX
 * is not flagged. squawk's name is kept although the rule is about any primary key, not only
 * a serial one. A table created earlier in the same migration is empty and is exempt.
 */
#include "miglint/rule.h"

/* Reports one primary key that an ADD CONSTRAINT or an ADD COLUMN ('column') adds. */
static void
report(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__AlterTableStmt *at,
	   const PgQuery__Constraint *c, const PgQuery__ColumnDef *column)
{
	const char *table = ml_name_range_var(chk->arena, at->relation);
	const char *name = ml_quote_ident(
		chk->arena, c->conname != NULL && c->conname[0] != '\0'
						? c->conname
						: ml_arena_printf(chk->arena, "%s_pkey", at->relation->relname));
	const char *col;
	struct ml_diag *d;

	if (column == NULL)
	{
		d = ml_report(chk, stmt, "primary key %s is added to table %s", name, table);
		ml_diag_detail(d, "ADD PRIMARY KEY builds the key's unique index while it holds an "
						  "ACCESS EXCLUSIVE lock on %s: nothing reads or writes the table until "
						  "the index is built.",
					   table);
		ml_diag_hint(d, "Build the index first with CREATE UNIQUE INDEX CONCURRENTLY %s ON %s "
						"(%s), then attach it: ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY "
						"USING INDEX %s.%s",
					 name, table, ml_constraint_key_columns(chk, c), table, name, name,
					 ml_check_concurrently_note(chk));
		return;
	}
	col = ml_quote_ident(chk->arena, column->colname);
	d = ml_report(chk, stmt, "column %s is added to table %s as its primary key", col, table);
	ml_diag_detail(d, "A PRIMARY KEY in ADD COLUMN builds the key's unique index while it holds "
					  "an ACCESS EXCLUSIVE lock on %s: nothing reads or writes the table until "
					  "the index is built.",
				   table);
	ml_diag_hint(d, "Add the column without PRIMARY KEY and fill it, then run CREATE UNIQUE INDEX "
					"CONCURRENTLY %s ON %s (%s) and ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY "
					"USING INDEX %s.%s",
				 name, table, col, table, name, name, ml_check_concurrently_note(chk));
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterTableStmt *at = ml_check_alter_existing_table(chk, stmt);

	if (at != NULL)
		ml_alter_added_constraints(chk, stmt, at, PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY, report);
}

const struct ml_rule ml_rule_adding_serial_primary_key_field = {
	.name = "adding-serial-primary-key-field",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ADD PRIMARY KEY or ADD COLUMN ... PRIMARY KEY on a table that already exists",
	.why = "Adding a primary key builds its unique index under an ACCESS EXCLUSIVE lock, so "
		   "nothing reads or writes the table until the build ends. A primary key attached USING "
		   "INDEX to an index built CONCURRENTLY holds the lock only for a moment. The name is "
		   "squawk's; the rule covers every primary key, not only serial ones.",
	.fix = "Build the index with CREATE UNIQUE INDEX CONCURRENTLY (outside the migrator's "
		   "transaction), then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX.",
	.bad = "ALTER TABLE \"accounts\" ADD PRIMARY KEY (\"id\");",
	.good = "CREATE UNIQUE INDEX CONCURRENTLY \"accounts_pkey\" ON \"accounts\" (\"id\");\n"
			"ALTER TABLE \"accounts\" ADD CONSTRAINT \"accounts_pkey\" PRIMARY KEY USING INDEX "
			"\"accounts_pkey\";",
	.check_statement = check,
};
