/* SPDX-License-Identifier: MIT */
/*
 * missing_statement_breakpoint.c
 *	  Flags a chunk of a Drizzle migration that holds several statements although the
 *	  migration uses breakpoints (or is a Drizzle 1.0 migration).
 *
 * drizzle-orm sends each chunk between "--> statement-breakpoint" markers as one query.
 * node-postgres, postgres-js, neon-serverless and vercel-postgres use the simple query
 * protocol and run several statements in one query; PGlite and neon-http send it as a
 * prepared statement, and PostgreSQL refuses: "cannot insert multiple commands into a
 * prepared statement" (42601). drizzle-kit puts the marker after every statement, so such a
 * chunk comes from a hand edit (a custom migration, a statement added to a generated file).
 * A journal entry with "breakpoints": false (or none) is breakpoints-off-multi-statement's
 * case, where the fix also changes the journal: this rule stays quiet there, so one chunk is
 * never reported twice. Statements inside a DO block are part of the DO statement.
 */
#include "miglint/rule.h"

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	const struct ml_journal_entry *e = ml_check_journal_entry(chk);
	const struct ml_file *f = chk->file;

	if (!ml_check_drizzle(chk) || f->mode != ML_SPLIT_DRIZZLE ||
		(e != NULL && !cJSON_IsTrue(e->breakpoints)))
		return;
	for (size_t c = 0; c < f->n_chunks; c++)
	{
		const struct ml_stmt *second = NULL;
		size_t n = 0;
		struct ml_diag *d;

		for (size_t i = 0; i < f->n_stmts; i++)
			if (f->stmts[i].chunk == c && !f->stmts[i].in_do)
			{
				if (++n == 2)
					second = &f->stmts[i];
			}
		if (n < 2)
			continue;
		d = ml_report(chk, second,
					  "%zu statements are sent as one query: a \"--> statement-breakpoint\" is "
					  "missing before this one",
					  n);
		ml_diag_detail(d, "drizzle-orm sends the text between \"--> statement-breakpoint\" "
						  "markers as one query. node-postgres, postgres-js, neon-serverless and "
						  "vercel-postgres run several statements in one query; PGlite and "
						  "neon-http send it as a prepared statement and fail with \"cannot "
						  "insert multiple commands into a prepared statement\".");
		ml_diag_hint(d, "End each statement but the last of the chunk with "
						"\";--> statement-breakpoint\", as drizzle-kit does.");
	}
}

const struct ml_rule ml_rule_missing_statement_breakpoint = {
	.name = "missing-statement-breakpoint",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_WARNING,
	.summary = "several statements between two breakpoints of a migration that uses them",
	.why = "drizzle-orm sends each chunk between \"--> statement-breakpoint\" markers as one "
		   "query. The simple query protocol (node-postgres, postgres-js, neon-serverless, "
		   "vercel-postgres) runs several statements in one; PGlite and neon-http use a prepared "
		   "statement and fail with \"cannot insert multiple commands into a prepared "
		   "statement\". drizzle-kit writes a marker after every statement, so a chunk with two "
		   "comes from a hand edit. A journal entry with \"breakpoints\": false is "
		   "breakpoints-off-multi-statement's case instead (its fix also changes the journal); "
		   "the two never report the same chunk.",
	.fix = "Put \"--> statement-breakpoint\" after each statement of the chunk but the last.",
	.bad = "ALTER TABLE \"users\" ADD COLUMN \"bio\" text;\nUPDATE \"users\" SET \"bio\" = '';   "
		   "-- journal: \"breakpoints\": true",
	.good = "ALTER TABLE \"users\" ADD COLUMN \"bio\" text;--> statement-breakpoint\nUPDATE "
			"\"users\" SET \"bio\" = '';",
	.check_file = check,
};
