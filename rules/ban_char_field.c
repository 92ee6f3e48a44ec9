/* SPDX-License-Identifier: MIT */
/*
 * ban_char_field.c
 *	  Flags columns of type char(n) / character(n).
 *
 * char(n) pads every value with spaces to n characters, compares with the padding stripped,
 * and is no faster than text or varchar; PostgreSQL's own documentation advises against it.
 * Widening it later rewrites the table.
 */
#include <string.h>

#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct ml_typed_column cols[256];
	size_t n = ml_check_typed_columns(stmt, cols, 256);

	for (size_t i = 0; i < n; i++)
	{
		struct ml_diag *d;

		if (strcmp(ml_type_base_name(cols[i].type), "bpchar") != 0)
			continue;
		d = ml_report_at(chk, stmt, cols[i].location, "column %s has type char(n)",
						 ml_quote_ident(chk->arena, cols[i].name));
		ml_diag_detail(d, "The type char(n) pads every value with spaces to its length and strips them "
						  "again in comparisons; it is no faster than text, and widening it later "
						  "rewrites the table.");
		ml_diag_hint(d, "Use text (with a CHECK on length() if the length matters) or varchar.");
	}
}

const struct ml_rule ml_rule_ban_char_field = {
	.name = "ban-char-field",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_WARNING,
	.summary = "a column of type char(n)",
	.why = "char(n) pads values with spaces, surprises every comparison, and is no faster than "
		   "text; PostgreSQL's documentation advises against it.",
	.fix = "Use text, with a CHECK on length() if the length matters.",
	.bad = "CREATE TABLE \"countries\" (\"code\" char(2));",
	.good = "CREATE TABLE \"countries\" (\"code\" text CHECK (length(\"code\") = 2));",
	.check_statement = check,
};
