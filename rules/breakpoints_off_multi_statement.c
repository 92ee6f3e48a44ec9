/* SPDX-License-Identifier: MIT */
/*
 * breakpoints_off_multi_statement.c
 *	  Flags a journaled migration with "breakpoints": false (or none) whose chunk holds
 *	  several statements.
 *
 * drizzle-orm splits a file only on "--> statement-breakpoint" and sends each chunk as one
 * query; "breakpoints" itself is never read. node-postgres, postgres-js, neon-serverless,
 * vercel-postgres and bun-sql send a chunk with the simple query protocol, which runs several
 * statements. PGlite (query()) and neon-http send it as a prepared statement, and PostgreSQL
 * refuses: "cannot insert multiple commands into a prepared statement" (42601). Checked
 * against drizzle-orm 0.45.4: node-postgres, postgres-js and PGlite were run.
 */
#include "miglint/rule.h"

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	const struct ml_journal_entry *e = ml_check_journal_entry(chk);
	const struct ml_file *f = chk->file;

	if (e == NULL || cJSON_IsTrue(e->breakpoints))
		return;
	for (size_t c = 0; c < f->n_chunks; c++)
	{
		const struct ml_stmt *first = NULL;
		size_t n = 0;
		struct ml_diag *d;

		for (size_t i = 0; i < f->n_stmts; i++)
			if (f->stmts[i].chunk == c && !f->stmts[i].in_do)
			{
				if (first == NULL)
					first = &f->stmts[i];
				n++;
			}
		if (n < 2)
			continue;
		d = ml_report(chk, first, "%zu statements are sent as one query: breakpoints are off",
					  n);
		ml_diag_detail(d, "drizzle-orm sends the text between \"--> statement-breakpoint\" "
						  "markers as one query. node-postgres, postgres-js, neon-serverless and "
						  "vercel-postgres run several statements in one query; PGlite and "
						  "neon-http send it as a prepared statement and fail with \"cannot "
						  "insert multiple commands into a prepared statement\".");
		ml_diag_hint(d, "Put \"--> statement-breakpoint\" between the statements and set "
						"\"breakpoints\": true in the journal entry of \"%s\".",
					 e->tag_text ? e->tag_text : "this migration");
	}
}

const struct ml_rule ml_rule_breakpoints_off_multi_statement = {
	.name = "breakpoints-off-multi-statement",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_WARNING,
	.summary = "several statements in one query of a migration with breakpoints off",
	.why = "drizzle-orm sends each chunk between \"--> statement-breakpoint\" markers as one "
		   "query. With \"breakpoints\": false the whole file is one chunk. The simple query "
		   "protocol (node-postgres, postgres-js, neon-serverless, vercel-postgres) runs it; "
		   "PGlite and neon-http use a prepared statement and fail with \"cannot insert multiple "
		   "commands into a prepared statement\".",
	.fix = "Separate the statements with \"--> statement-breakpoint\" and set \"breakpoints\": "
		   "true in the journal entry.",
	.bad = "CREATE TABLE \"a\" (\"id\" int);\nCREATE TABLE \"b\" (\"id\" int);   "
		   "-- journal: \"breakpoints\": false",
	.good = "CREATE TABLE \"a\" (\"id\" int);\n--> statement-breakpoint\nCREATE TABLE \"b\" (\"id\" "
			"int);   -- journal: \"breakpoints\": true",
	.check_file = check,
};
