/* SPDX-License-Identifier: MIT */
/*
 * unchecked_dynamic_sql.c
 *	  Notes each EXECUTE of dynamic SQL inside a DO block: a statement no rule could check.
 *
 * The static SQL inside DO blocks is linted like any other statement, but a string built and
 * run at run time cannot be known without running it, and miglint never guesses it. So the
 * reader learns which statements went unchecked, and that the schema replayed after them
 * (for the catalog-aware rules) may be wrong. Info by default: it is not a defect.
 */
#include "miglint/rule.h"

/* Entry point: called once per file, after its statements. */
static void
check(struct ml_check *chk)
{
	for (size_t i = 0; i < chk->file->n_dynamic; i++)
	{
		const struct ml_span *at = &chk->file->dynamic[i];
		struct ml_diag *d;

		d = ml_report_span(chk, at->start, at->end, "dynamic SQL in a DO block is not checked");
		ml_diag_detail(d, "EXECUTE runs a statement built at run time. No rule judged it, and "
						  "the schema miglint replays after this file might differ from the "
						  "database's.");
		ml_diag_hint(d, "Write the statement as static SQL where its names are known; otherwise "
						"review it by hand and put \"-- miglint-ignore unchecked-dynamic-sql\" "
						"before the DO.");
	}
}

const struct ml_rule ml_rule_unchecked_dynamic_sql = {
	.name = "unchecked-dynamic-sql",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_INFO,
	.summary = "EXECUTE of dynamic SQL inside a DO block, which no rule can check",
	.why = "miglint lints the static SQL inside DO blocks, but never guesses a string built at "
		   "run time: such a statement passes every rule unseen, and the schema replayed after "
		   "it might be wrong.",
	.fix = "Prefer static SQL. Where the statement must be dynamic, review it by hand and "
		   "silence the note with a miglint-ignore comment.",
	.bad = "DO $$ BEGIN\n  EXECUTE 'CREATE INDEX ' || quote_ident(tbl || '_idx') || ' ON ' || "
		   "quote_ident(tbl) || ' (id)';\nEND $$;",
	.good = "CREATE INDEX IF NOT EXISTS \"events_idx\" ON \"events\" (\"id\");",
	.check_file = check,
};
