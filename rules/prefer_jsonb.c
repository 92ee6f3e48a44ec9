/* SPDX-License-Identifier: MIT */
/*
 * prefer_jsonb.c
 *	  Flags columns of type json.
 *
 * json stores the text as written and has no equality operator: SELECT DISTINCT, UNION,
 * GROUP BY and a unique index on the column all fail, and every read parses the text again.
 * jsonb is what applications mean. Changing the type later rewrites the table.
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

		if (strcmp(ml_type_base_name(cols[i].type), "json") != 0)
			continue;
		d = ml_report_at(chk, stmt, cols[i].location, "column %s has type json",
						 ml_quote_ident(chk->arena, cols[i].name));
		ml_diag_detail(d, "The type json keeps the text as written and has no equality operator, so "
						  "DISTINCT, UNION, GROUP BY and unique indexes on it fail, and every read "
						  "parses it again.");
		ml_diag_hint(d, "Use jsonb.");
	}
}

const struct ml_rule ml_rule_prefer_jsonb = {
	.name = "prefer-jsonb",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_WARNING,
	.summary = "a column of type json",
	.why = "json has no equality operator and is parsed again on every read; jsonb is indexed, "
		   "compared and queried efficiently. Changing the type later rewrites the table.",
	.fix = "Declare the column jsonb (in Drizzle: jsonb() instead of json()).",
	.bad = "CREATE TABLE \"events\" (\"payload\" json);",
	.good = "CREATE TABLE \"events\" (\"payload\" jsonb);",
	.check_statement = check,
};
