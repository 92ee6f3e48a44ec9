/* SPDX-License-Identifier: MIT */
/*
 * psql_meta_command.c
 *	  Notes, once per file, that psql meta-commands or COPY data were skipped.
 *
 * A plain .sql file written for psql (\set ON_ERROR_STOP on, \i other.sql, COPY ... FROM
 * stdin with its data) is not all SQL: those lines are left out of parsing instead of being
 * reported as syntax errors. A migration tool that sends the file to the server as-is fails
 * on them, so the user should know they were not checked.
 */
#include "miglint/rule.h"

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	const struct ml_file *f = chk->file;
	size_t commands = 0, copies = 0;
	struct ml_diag *d;

	if (f->n_skips == 0)
		return;
	for (size_t i = 0; i < f->n_skips; i++)
	{
		if (f->skips[i].copy_data)
			copies++;
		else
			commands++;
	}
	d = ml_report_span(chk, f->skips[0].start, f->skips[0].start + 1,
					   "%zu psql meta-command%s%s %s not checked", commands,
					   commands == 1 ? "" : "s",
					   copies == 0 ? ""
					   : copies == 1 ? " and 1 block of COPY data"
									 : ml_arena_printf(chk->arena, " and %zu blocks of COPY data", copies),
					   commands == 1 && copies == 0 ? "was" : "were");
	if (commands == 0)
		d->message = ml_arena_printf(d->list->arena, "%zu block%s of COPY data %s not checked", copies,
									 copies == 1 ? "" : "s", copies == 1 ? "was" : "were");
	ml_diag_detail(d, "Lines starting with a backslash are psql commands, not SQL, and COPY ... "
					  "FROM stdin data is read by psql; only psql can run this file.");
	ml_diag_hint(d, "Run this file with psql, or move the psql parts out of the migration if "
					"another tool applies it.");
}

const struct ml_rule ml_rule_psql_meta_command = {
	.name = "psql-meta-command",
	.category = ML_CATEGORY_PSQL,
	.severity = ML_SEVERITY_INFO,
	.summary = "psql meta-commands or COPY data that were skipped",
	.why = "psql meta-commands (\\set, \\i, \\gset, ...) and COPY ... FROM stdin data are read by "
		   "psql, not by PostgreSQL. miglint skips them rather than report them as syntax "
		   "errors, and says so once per file, because any tool other than psql fails on them.",
	.fix = "Nothing, if the file is run with psql. Otherwise move the psql parts out of the "
		   "migration.",
	.bad = "\\set ON_ERROR_STOP on\nCREATE TABLE IF NOT EXISTS \"t\" (\"id\" int);",
	.good = "CREATE TABLE IF NOT EXISTS \"t\" (\"id\" int);",
	.check_file = check,
};
