/* SPDX-License-Identifier: MIT */
/*
 * journal_when_not_increasing.c
 *	  Flags a journal entry whose "when" is not greater than an earlier entry's.
 *
 * drizzle-orm's migrator reads the one newest row of its migrations table (ORDER BY
 * created_at DESC LIMIT 1) and runs an entry only if that row's created_at < entry.when,
 * strictly. An entry whose when is not above an earlier entry's is therefore skipped,
 * silently and for good, on every database that already applied the earlier one; only a
 * fresh database runs it. This is what a branch merged after a newer migration looks like.
 * The comparison is with the greatest when so far, as drizzle-kit check does.
 */
#include <math.h>

#include "miglint/rule.h"

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	const struct ml_drizzle_meta *m = chk->meta;
	const struct ml_journal_entry *top = NULL;

	if (chk->folder->kind != ML_FOLDER_DRIZZLE)
		return;
	for (size_t i = 0; i < m->n_entries; i++)
	{
		const struct ml_journal_entry *e = &m->entry[i];
		const struct ml_journal_entry *next = NULL;
		const char *tag = e->tag_text ? e->tag_text : "?";
		const char *top_tag;
		struct ml_diag *d;

		if (!cJSON_IsNumber(e->when) || !isfinite(e->when->valuedouble))
			continue; /* journal-invalid's */
		if (top == NULL || e->when->valuedouble > top->when->valuedouble)
		{
			top = e;
			continue;
		}
		top_tag = top->tag_text ? top->tag_text : "?";
		for (size_t k = i + 1; k < m->n_entries && next == NULL; k++)
			if (cJSON_IsNumber(m->entry[k].when) &&
				m->entry[k].when->valuedouble > top->when->valuedouble)
				next = &m->entry[k];
		d = ml_report_at_json(chk, &m->journal, e->when,
							  "\"when\" of journal entry %zu (\"%s\") is not greater than entry "
							  "%zu's (\"%s\")",
							  e->position, tag, top->position, top_tag);
		ml_diag_detail(d, "%.0f %s %.0f. drizzle-orm's migrator runs an entry only when its "
						  "\"when\" is greater than the newest created_at it recorded, so on every "
						  "database that already applied \"%s\", \"%s\" is skipped silently, for "
						  "good; only a fresh database runs it.",
					   e->when->valuedouble,
					   e->when->valuedouble == top->when->valuedouble ? "equals" : "is less than",
					   top->when->valuedouble, top_tag, tag);
		if (next != NULL)
			ml_diag_hint(d, "Set it to a value greater than %.0f and less than %.0f (entry %zu's).",
						 top->when->valuedouble, next->when->valuedouble, next->position);
		else
			ml_diag_hint(d, "Set it to a value greater than %.0f, such as the current time in "
							"milliseconds.",
						 top->when->valuedouble);
	}
}

const struct ml_rule ml_rule_journal_when_not_increasing = {
	.name = "journal-when-not-increasing",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a journal entry whose \"when\" is not above an earlier entry's",
	.why = "drizzle-orm's migrator compares each entry's \"when\" with the newest created_at in "
		   "its migrations table and runs the entry only if \"when\" is greater. An entry whose "
		   "\"when\" is not greater than an earlier entry's is skipped silently, forever, on every "
		   "database that already applied that earlier entry. Merged branches cause this.",
	.fix = "Set \"when\" to a value greater than every earlier entry's and less than the next "
		   "one's. Equal values are skipped too: the comparison is strict.",
	.bad = "{\"idx\": 10, \"when\": 1795595673050, \"tag\": \"0010_add_comments\"},\n"
		   "{\"idx\": 11, \"when\": 1795509273050, \"tag\": \"0011_add_users_last_login\"}",
	.good = "{\"idx\": 10, \"when\": 1795595673050, \"tag\": \"0010_add_comments\"},\n"
			"{\"idx\": 11, \"when\": 1795595800000, \"tag\": \"0011_add_users_last_login\"}",
	.check_folder = check,
};
