/* SPDX-License-Identifier: MIT */
/*
 * unused_ignore.c
 *	  Flags miglint-ignore comments that silence nothing, so that they do not rot.
 *
 * An ignore comment outlives the statement it was written for: the statement is fixed, the
 * rule renamed, the comment moved. Each rule name that silenced no finding, each name that is
 * no rule, a comment that is followed by no statement, and a file-level comment below the
 * first statement is reported. A folder rule that runs last, once every finding of the
 * folder (the folder rules' too) met the ignore comments the driver kept for it.
 */
#include <string.h>

#include "miglint/rule.h"

/* True when a rule the name means is on: an ignore for a rule that is off cannot be used. */
static bool
enabled(const struct ml_check *chk, const char *name)
{
	for (size_t i = 0; i < ml_rules_count; i++)
		if (ml_rule_matches(name, ml_rules[i]) && chk->config->severity[i] != ML_SEVERITY_OFF)
			return true;
	return false;
}

/*
 * False when every comment of the file is in place and every name in it silenced something:
 * then nothing can be reported, and the file is not read again. (A superset: judge decides.)
 */
static bool
might_report(const struct ml_suppressions *s)
{
	for (size_t i = 0; i < s->n; i++)
	{
		const struct ml_ignore *ig = &s->items[i];

		if (ig->misplaced || (!ig->file_level && !ig->bound) || ig->n_names == 0)
			return true;
		for (size_t n = 0; n < ig->n_names; n++)
			if (!ig->names[n].used)
				return true;
	}
	return false;
}

/* Judges the ignore comments of one file. */
static void
judge(struct ml_check *chk, const struct ml_kept_ignores *k)
{
	const struct ml_suppressions *s = &k->supp;
	const struct ml_source *src;

	if (!might_report(s))
		return;
	/* The file was read when it was linted; if it cannot be read again, say nothing. */
	src = ml_check_source(chk, k->migration);
	if (src->len == 0)
		return;
	for (size_t i = 0; i < s->n; i++)
	{
		const struct ml_ignore *ig = &s->items[i];
		struct ml_diag *d;

		if (ig->misplaced)
		{
			d = ml_report_in(chk, src, ig->start, ig->end,
							 "miglint-ignore-file comment is not at the top of the file");
			ml_diag_detail(d, "A file-level ignore comment counts only before the file's first "
							  "statement, so this one silences nothing.");
			ml_diag_hint(d, "Move it above the first statement, or use -- miglint-ignore to "
							"silence one statement.");
			continue;
		}
		if (!ig->file_level && !ig->bound)
		{
			d = ml_report_in(chk, src, ig->start, ig->end,
							 "miglint-ignore comment is not followed by a statement");
			ml_diag_detail(d, "An ignore comment covers the statement on the lines below it, or "
							  "the statement it ends; there is none here.");
			ml_diag_hint(d, "Put it on the line above the statement it is for, or remove it.");
			continue;
		}
		if (ig->n_names == 0)
		{
			d = ml_report_in(chk, src, ig->start, ig->end,
							 "miglint-ignore comment names no rule");
			ml_diag_hint(d, "Name the rules to silence: -- miglint-ignore require-if-not-exists.");
			continue;
		}
		for (size_t n = 0; n < ig->n_names; n++)
		{
			const struct ml_ignore_name *nm = &ig->names[n];

			if (!ml_rule_known(nm->name))
			{
				d = ml_report_in(chk, src, nm->start, nm->end,
								 "miglint-ignore comment names unrecognized rule \"%s\"",
								 nm->name);
				ml_diag_hint(d, "miglint --list-rules lists the rule names.");
			}
			else if (!nm->used && enabled(chk, nm->name) && strcmp(nm->name, chk->rule->name) != 0)
			{
				d = ml_report_in(chk, src, nm->start, nm->end,
								 "miglint-ignore comment for rule \"%s\" silences nothing",
								 nm->name);
				ml_diag_detail(d, "No \"%s\" finding is reported %s.", nm->name,
							   ig->file_level ? "in this file" : "on the statement it covers");
				ml_diag_hint(d, "Remove \"%s\" from the comment.", nm->name);
			}
		}
	}
}

/* Entry point: called once per folder, after every finding met the ignore comments. */
static void
check(struct ml_check *chk)
{
	for (size_t k = 0; k < chk->n_kept; k++)
		judge(chk, &chk->kept[k]);
}

const struct ml_rule ml_rule_unused_ignore = {
	.name = "unused-ignore",
	.category = ML_CATEGORY_SUPPRESSION,
	.severity = ML_SEVERITY_WARNING,
	.summary = "a miglint-ignore comment that silences nothing",
	.why = "Ignore comments outlive what they were written for: the statement gets fixed, the "
		   "comment moves, a rule name is mistyped. A comment that silences nothing hides "
		   "nothing today and misleads the next reader.",
	.fix = "Remove the comment, or the rule names in it that no longer match a finding.",
	.bad = "-- miglint-ignore require-if-not-exists\n"
		   "CREATE TABLE IF NOT EXISTS \"t\" (\"id\" int);",
	.good = "-- miglint-ignore require-if-not-exists\nCREATE TABLE \"t\" (\"id\" int);",
	.check_folder = check,
	.after_suppression = true,
};
