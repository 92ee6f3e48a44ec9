/* SPDX-License-Identifier: MIT */
/*
 * syntax_error.c
 *	  Reports each statement PostgreSQL's parser rejects, with PostgreSQL's own message.
 *
 * The migration fails at this statement; in a Drizzle folder, drizzle-orm's migrator rolls
 * back every pending migration with it. The parse stage already cut the file so that one bad
 * statement does not hide the others; this rule only reports what it recorded.
 */
#include "miglint/rule.h"

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	for (size_t i = 0; i < chk->file->n_stmts; i++)
	{
		const struct ml_stmt *st = &chk->file->stmts[i];
		size_t at = st->error_offset, end;
		struct ml_diag *d;

		if (st->node != NULL)
			continue;
		/* Underline the token PostgreSQL points at, when there is one. */
		end = at;
		{
			size_t t = ml_file_token_at(chk->file, at);

			if (t < chk->file->n_tokens && chk->file->tokens[t].start == at)
				end = chk->file->tokens[t].end;
		}
		d = ml_report_span(chk, at, end, "%s", st->error_message);
		ml_diag_detail(d, "PostgreSQL cannot parse this statement, so the migration fails here.");
	}
}

const struct ml_rule ml_rule_syntax_error = {
	.name = "syntax-error",
	.category = ML_CATEGORY_SYNTAX,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a statement PostgreSQL cannot parse",
	.why = "The migration fails at this statement; in a Drizzle folder, drizzle-orm's migrator "
		   "rolls back every pending migration with it. miglint parses with PostgreSQL's own "
		   "grammar (libpg_query, PostgreSQL 15), so the message is PostgreSQL's.",
	.fix = "Correct the statement. The position points at the token PostgreSQL stopped at.",
	.bad = "CREATE TABEL \"users\" (\"id\" serial PRIMARY KEY);",
	.good = "CREATE TABLE \"users\" (\"id\" serial PRIMARY KEY);",
	.check_file = check,
};
