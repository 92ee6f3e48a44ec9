/* SPDX-License-Identifier: MIT */
/*
 * prefer_text_field.c
 *	  Flags columns of type varchar(n) (off by default).
 *
 * The length limit lives in the column's type, so changing it later is an ALTER COLUMN ...
 * TYPE: an ACCESS EXCLUSIVE lock on the table, and a rewrite when the limit shrinks. A
 * CHECK (length(...) <= n) on a text column is just as strict and is replaced without
 * blocking (ADD ... NOT VALID, then VALIDATE CONSTRAINT). varchar without a length is text by
 * another name and is not flagged; arrays of varchar(n) are. drizzle-kit writes varchar(n)
 * for varchar({ length }), so this is a matter of taste and off by default.
 */
#include "miglint/rule.h"

/* The length written in varchar(n), or -1 when it is not a constant. */
static long
length_of(const PgQuery__TypeName *type)
{
	const PgQuery__Node *m = type->typmods[0];

	if (m->node_case == PG_QUERY__NODE__NODE_A_CONST &&
		m->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL && m->a_const->ival != NULL)
		return m->a_const->ival->ival;
	return -1;
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct ml_typed_column cols[256];
	size_t n = ml_check_typed_columns(stmt, cols, 256);

	for (size_t i = 0; i < n; i++)
	{
		const PgQuery__TypeName *t = cols[i].type;
		const char *col = ml_quote_ident(chk->arena, cols[i].name);
		long len;
		struct ml_diag *d;

		if (!ml_type_is_builtin(t, "varchar") || t->n_typmods == 0)
			continue;
		len = length_of(t);
		d = ml_report_at(chk, stmt, cols[i].location, "column %s has type varchar(%s)%s", col,
						 len < 0 ? "n" : ml_arena_printf(chk->arena, "%ld", len),
						 t->n_array_bounds > 0 ? "[]" : "");
		if (t->n_array_bounds > 0 || len < 0)
		{
			ml_diag_detail(d, "Changing the length later is an ALTER COLUMN ... TYPE, which takes "
							  "an ACCESS EXCLUSIVE lock on the table and rewrites it when the "
							  "length shrinks.");
			ml_diag_hint(d, "Use text%s.", t->n_array_bounds > 0 ? "[]" : "");
			continue;
		}
		ml_diag_detail(d, "Changing the length later is an ALTER COLUMN ... TYPE, which takes an "
						  "ACCESS EXCLUSIVE lock on the table and rewrites it when the length "
						  "shrinks; a CHECK constraint on a text column is replaced without "
						  "blocking (NOT VALID, then VALIDATE CONSTRAINT).");
		ml_diag_hint(d, "Use text with CHECK (length(%s) <= %ld).", col, len);
	}
}

const struct ml_rule ml_rule_prefer_text_field = {
	.name = "prefer-text-field",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_OFF,
	.summary = "a column of type varchar(n) (off by default)",
	.why = "A length limit in the type is changed with ALTER COLUMN ... TYPE, under an ACCESS "
		   "EXCLUSIVE lock (with a rewrite when it shrinks); a CHECK constraint on text is just "
		   "as strict and is replaced without blocking. varchar(n) is no faster than text. It is "
		   "off by default because drizzle-kit writes varchar(n) for varchar({ length }), and "
		   "limits that never change cost nothing.",
	.fix = "Declare the column text with a CHECK (length(...) <= n) constraint (in Drizzle: "
		   "text() and check()).",
	.bad = "CREATE TABLE \"users\" (\"email\" varchar(255) NOT NULL);",
	.good = "CREATE TABLE \"users\" (\"email\" text NOT NULL CHECK (length(\"email\") <= 255));",
	.check_statement = check,
};
