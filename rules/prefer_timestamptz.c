/* SPDX-License-Identifier: MIT */
/*
 * prefer_timestamptz.c
 *	  Flags columns of type timestamp without time zone (off by default).
 *
 * timestamp drops the offset of every value written to it: 10:00+02 and 10:00-06 are stored
 * as the same 10:00, and now() is converted to whatever TimeZone the session has, so the
 * stored instant depends on the server's and the driver's settings. timestamptz stores the
 * instant. Arrays of timestamp are flagged too. drizzle-kit writes timestamp for timestamp()
 * without withTimezone, so this is a matter of taste and off by default.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct ml_typed_column cols[256];
	size_t n = ml_check_typed_columns(stmt, cols, 256);

	for (size_t i = 0; i < n; i++)
	{
		const char *array = cols[i].type->n_array_bounds > 0 ? "[]" : "";
		struct ml_diag *d;

		if (!ml_type_is_builtin(cols[i].type, "timestamp"))
			continue;
		d = ml_report_at(chk, stmt, cols[i].location,
						 "column %s has type timestamp without time zone%s",
						 ml_quote_ident(chk->arena, cols[i].name), array);
		ml_diag_detail(d, "A timestamp without time zone drops the offset of the value written: "
						  "'2026-01-01 10:00+02' and '2026-01-01 10:00-06' are both stored as 10:00, "
						  "and now() is stored as the wall-clock time of the session's TimeZone.");
		ml_diag_hint(d, "Use timestamptz%s.", array);
	}
}

const struct ml_rule ml_rule_prefer_timestamptz = {
	.name = "prefer-timestamptz",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_OFF,
	.summary = "a column of type timestamp without time zone (off by default)",
	.why = "timestamp keeps the wall-clock time and drops the offset, so values written from "
		   "sessions or servers in different time zones cannot be compared; timestamptz stores "
		   "the instant. It is off by default because drizzle-kit writes timestamp for "
		   "timestamp(), and projects that keep everything in UTC work with it.",
	.fix = "Declare the column timestamptz (in Drizzle: timestamp({ withTimezone: true })).",
	.bad = "CREATE TABLE \"events\" (\"created_at\" timestamp DEFAULT now() NOT NULL);",
	.good = "CREATE TABLE \"events\" (\"created_at\" timestamptz DEFAULT now() NOT NULL);",
	.check_statement = check,
};
