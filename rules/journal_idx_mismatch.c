/* SPDX-License-Identifier: MIT */
/*
 * journal_idx_mismatch.c
 *	  Flags journal entries whose idx does not count 0, 1, 2, ... in entry order, and tags
 *	  whose four-digit prefix disagrees with their idx.
 *
 * drizzle-kit numbers the next migration "last idx + 1" and names its file and snapshot
 * after that number, so a duplicate or a gap (a merge that kept both sides, an entry removed
 * by hand) leads to a second 0007_*.sql, or to snapshots that no longer meet their entries.
 * Each break is reported once: an entry is compared with the one before it, not with its
 * position, so one gap does not flag every later entry, and a run of tags numbered from 1
 * instead of 0 is one finding.
 */
#include "miglint/rule.h"

/* The tag's idx-mode prefix ("0007" of "0007_x"), or -1 when the tag has none. */
static long
tag_number(const char *tag)
{
	long n = 0;

	for (int i = 0; i < 4; i++)
	{
		if (tag[i] < '0' || tag[i] > '9')
			return -1;
		n = n * 10 + (tag[i] - '0');
	}
	return tag[4] == '_' ? n : -1;
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	const struct ml_drizzle_meta *m = chk->meta;
	const struct ml_journal_entry *prev = NULL;
	long offset = 0; /* tag number minus idx of the entry before */

	if (chk->folder->kind != ML_FOLDER_DRIZZLE)
		return;
	for (size_t i = 0; i < m->n_entries; i++)
	{
		const struct ml_journal_entry *e = &m->entry[i];
		long idx, expected = prev ? (long) prev->idx->valuedouble + 1 : 0, tn;
		struct ml_diag *d;

		if (!cJSON_IsNumber(e->idx))
			continue;
		idx = (long) e->idx->valuedouble;
		if (idx != expected)
		{
			if (prev != NULL && idx <= (long) prev->idx->valuedouble)
			{
				d = ml_report_at_json(chk, &m->journal, e->idx,
									  "journal entry %zu has idx %ld, not above entry %zu's idx %ld",
									  e->position, idx, prev->position,
									  (long) prev->idx->valuedouble);
				ml_diag_detail(d, "Entries count 0, 1, 2, ... in order; a repeated idx usually "
								  "means two branches generated the same migration number.");
			}
			else if (prev != NULL)
			{
				if (idx - expected == 1)
					d = ml_report_at_json(chk, &m->journal, e->idx,
										  "journal entry %zu has idx %ld after idx %ld: idx %ld is "
										  "missing",
										  e->position, idx, expected - 1, expected);
				else
					d = ml_report_at_json(chk, &m->journal, e->idx,
										  "journal entry %zu has idx %ld after idx %ld: idx %ld to "
										  "%ld are missing",
										  e->position, idx, expected - 1, expected, idx - 1);
				ml_diag_detail(d, "An entry was removed, or a merge dropped it: its migration "
								  "no longer runs anywhere.");
			}
			else
			{
				d = ml_report_at_json(chk, &m->journal, e->idx,
									  "first journal entry has idx %ld, not 0", idx);
				ml_diag_detail(d, "drizzle-kit starts counting at 0.");
			}
			ml_diag_hint(d, "Renumber the entries 0, 1, 2, ... in order (and restore any entry "
							"that was lost), keeping each tag's file and snapshot in step.");
		}
		if (e->tag_text != NULL && (tn = tag_number(e->tag_text)) >= 0 && tn != idx &&
			tn - idx != offset)
		{
			/* One finding for a run of entries that are off by the same amount. */
			size_t end = i + 1;

			while (end < m->n_entries && cJSON_IsNumber(m->entry[end].idx) &&
				   m->entry[end].tag_text != NULL && tag_number(m->entry[end].tag_text) >= 0 &&
				   tag_number(m->entry[end].tag_text) - (long) m->entry[end].idx->valuedouble ==
					   tn - idx)
				end++;
			if (end - i == 1)
				d = ml_report_at_json(chk, &m->journal, e->tag,
									  "tag \"%s\" of journal entry %zu does not match its idx %ld",
									  e->tag_text, e->position, idx);
			else
				d = ml_report_at_json(chk, &m->journal, e->tag,
									  "tags of journal entries %zu to %zu do not match their idx: "
									  "\"%s\" has idx %ld",
									  e->position, end - 1, e->tag_text, idx);
			ml_diag_detail(d, "drizzle-kit names a migration's file and snapshot after its number; "
							  "meta/%04ld_snapshot.json belongs to the entry with idx %ld.",
						   tn, tn);
			if (end - i == 1)
				ml_diag_hint(d, "Make the tag's number and the idx agree, renaming the .sql file and "
								"its snapshot with it.");
			else
				ml_diag_hint(d, "Make the tags' numbers and the idx agree, renaming the .sql files "
								"and their snapshots with them.");
		}
		offset = e->tag_text != NULL && (tn = tag_number(e->tag_text)) >= 0 ? tn - idx : 0;
		prev = e;
	}
}

const struct ml_rule ml_rule_journal_idx_mismatch = {
	.name = "journal-idx-mismatch",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_WARNING,
	.summary = "journal idx values that repeat, skip, or disagree with the tag",
	.why = "drizzle-kit numbers each new migration from the last entry's idx and names its file "
		   "and snapshot after it. A repeated idx (two branches), a gap (a lost entry), or a tag "
		   "whose number is not its idx leave files, snapshots and entries out of step.",
	.fix = "Renumber the entries 0, 1, 2, ... in order, restore lost entries, and rename files "
		   "and snapshots to match.",
	.bad = "{\"idx\": 7, \"tag\": \"0007_drop_users_bio\"},\n{\"idx\": 9, \"tag\": "
		   "\"0009_backfill_published\"}",
	.good = "{\"idx\": 7, \"tag\": \"0007_drop_users_bio\"},\n{\"idx\": 8, \"tag\": "
			"\"0008_add_posts_view_count\"},\n{\"idx\": 9, \"tag\": \"0009_backfill_published\"}",
	.check_folder = check,
};
