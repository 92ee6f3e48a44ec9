/* SPDX-License-Identifier: MIT */
/*
 * journal_invalid.c
 *	  Flags a meta/_journal.json that drizzle-orm's migrator or drizzle-kit cannot use.
 *
 * drizzle-orm's migrator JSON.parses the journal and walks "entries", reading "tag" (the file)
 * and "when" (the timestamp it compares and records). A journal that is not JSON throws
 * before anything runs; an entry without a tag names "undefined.sql"; a "when" that is not a
 * number breaks the comparison that decides what is pending. drizzle-kit writes idx, when,
 * tag and breakpoints in every entry and "postgresql" as the dialect; anything else is a
 * hand edit or a merge gone wrong. A tag that leaves the folder ("../x") is never followed.
 */
#include <math.h>
#include <string.h>

#include "miglint/rule.h"

static void
entry_problems(struct ml_check *chk, const struct ml_drizzle_meta *m,
			   const struct ml_journal_entry *e)
{
	const struct ml_meta_file *j = &m->journal;
	struct ml_diag *d;

	if (!cJSON_IsObject(e->item))
	{
		d = ml_report_at_json(chk, j, e->item, "journal entry %zu is not an object", e->position);
		ml_diag_hint(d, "Write it as {\"idx\": %zu, \"version\": \"7\", \"when\": <ms>, \"tag\": "
						"\"<file name without .sql>\", \"breakpoints\": true}.",
					 e->position);
		return;
	}
	if (e->tag == NULL || !cJSON_IsString(e->tag))
	{
		d = ml_report_at_json(chk, j, e->tag ? e->tag : e->item,
							  e->tag ? "\"tag\" of journal entry %zu is not a string"
									 : "journal entry %zu has no \"tag\"",
							  e->position);
		ml_diag_detail(d, "drizzle-orm's migrator reads the file \"<tag>.sql\"; without a tag it "
						  "looks for \"undefined.sql\" and fails before running anything.");
		ml_diag_hint(d, "Set \"tag\" to the migration's file name without \".sql\".");
	}
	else if (e->tag_text[0] == '\0')
	{
		d = ml_report_at_json(chk, j, e->tag, "\"tag\" of journal entry %zu is empty", e->position);
		ml_diag_hint(d, "Set \"tag\" to the migration's file name without \".sql\".");
	}
	else if (!e->tag_safe)
	{
		d = ml_report_at_json(chk, j, e->tag,
							  "\"tag\" of journal entry %zu names a file outside the folder: \"%s\"",
							  e->position, e->tag_text);
		ml_diag_detail(d, "A tag is a file name in the migrations folder; miglint does not follow "
						  "paths out of it.");
		ml_diag_hint(d, "Set \"tag\" to the migration's file name without \".sql\".");
	}
	if (e->when == NULL)
	{
		d = ml_report_at_json(chk, j, e->item, "journal entry %zu has no \"when\"", e->position);
		ml_diag_detail(d, "drizzle-orm's migrator records \"when\" as created_at and compares it "
						  "with the newest one recorded to decide what is pending; a missing one "
						  "breaks that comparison.");
		ml_diag_hint(d, "Set \"when\" to a time in milliseconds, greater than the entry before "
						"it.");
	}
	else if (!cJSON_IsNumber(e->when) || !isfinite(e->when->valuedouble) ||
			 e->when->valuedouble <= 0)
	{
		d = ml_report_at_json(chk, j, e->when,
							  "\"when\" of journal entry %zu is not a positive number",
							  e->position);
		ml_diag_detail(d, "drizzle-orm's migrator compares \"when\" as a number with the newest "
						  "created_at it recorded; this value does not compare as a time.");
		ml_diag_hint(d, "Set \"when\" to a time in milliseconds since 1970, greater than the "
						"entry before it.");
	}
	if (e->idx == NULL)
	{
		d = ml_report_at_json(chk, j, e->item, "journal entry %zu has no \"idx\"", e->position);
		ml_diag_hint(d, "Set \"idx\" to %zu, its position in \"entries\".", e->position);
	}
	else if (!cJSON_IsNumber(e->idx))
	{
		d = ml_report_at_json(chk, j, e->idx, "\"idx\" of journal entry %zu is not a number",
							  e->position);
		ml_diag_detail(d, "drizzle-kit numbers the next migration from the last entry's idx.");
		ml_diag_hint(d, "Set \"idx\" to %zu, its position in \"entries\".", e->position);
	}
	if (e->breakpoints != NULL && !cJSON_IsBool(e->breakpoints))
	{
		d = ml_report_at_json(chk, j, e->breakpoints,
							  "\"breakpoints\" of journal entry %zu is not true or false",
							  e->position);
		ml_diag_hint(d, "Set it to true when the file separates statements with "
						"--> statement-breakpoint.");
	}
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	const struct ml_drizzle_meta *m = chk->meta;
	const struct ml_meta_file *j = &m->journal;
	const cJSON *dialect;
	struct ml_diag *d;

	if (!m->has_journal)
		return;
	if (j->read_error != NULL)
	{
		d = ml_report_at_json(chk, j, NULL, "%s", j->read_error);
		ml_diag_detail(d, "drizzle-orm's migrator cannot read its journal and migrates nothing.");
		return;
	}
	if (j->json.root == NULL)
	{
		d = ml_report_in(chk, j->src, j->json.error_at, j->json.error_at + 1,
						 "journal is not valid JSON");
		ml_diag_detail(d, "drizzle-orm's migrator fails with a SyntaxError before it runs "
						  "anything, and drizzle-kit cannot add the next entry.");
		ml_diag_hint(d, "Fix the JSON at this position; after a merge conflict, keep the entries "
						"of both sides in order.");
		return;
	}
	if (!cJSON_IsObject(j->json.root))
	{
		d = ml_report_at_json(chk, j, j->json.root, "journal is not a JSON object");
		ml_diag_detail(d, "drizzle-orm's migrator reads journal.entries, which a %s does not have.",
					   cJSON_IsArray(j->json.root) ? "JSON array" : "JSON value of this kind");
		ml_diag_hint(d, "Write {\"version\": \"7\", \"dialect\": \"postgresql\", \"entries\": "
						"[...]}.");
		return;
	}
	if (!cJSON_IsArray(m->entries))
	{
		d = ml_report_at_json(chk, j, m->entries ? m->entries : j->json.root,
							  m->entries ? "\"entries\" of the journal is not an array"
										 : "journal has no \"entries\"");
		ml_diag_detail(d, "drizzle-orm's migrator iterates journal.entries and fails without it.");
		ml_diag_hint(d, "Add \"entries\": [...] with one object per migration, in run order.");
	}
	dialect = ml_json_member(j->json.root, "dialect");
	if (dialect != NULL && (!cJSON_IsString(dialect) || strcmp(dialect->valuestring, "postgresql") != 0))
	{
		d = ml_report_at_json(chk, j, dialect, "journal dialect is %s%s%s, not \"postgresql\"",
							  cJSON_IsString(dialect) ? "\"" : "",
							  cJSON_IsString(dialect) ? dialect->valuestring : "not a string",
							  cJSON_IsString(dialect) ? "\"" : "");
		ml_diag_detail(d, "These migrations were generated for another database; PostgreSQL "
						  "rejects their SQL.");
		ml_diag_hint(d, "Point miglint (and drizzle) at the folder generated for PostgreSQL.");
	}
	for (size_t i = 0; i < m->n_entries; i++)
		entry_problems(chk, m, &m->entry[i]);
}

const struct ml_rule ml_rule_journal_invalid = {
	.name = "journal-invalid",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_ERROR,
	.summary = "meta/_journal.json that drizzle cannot use",
	.why = "drizzle-orm's migrator JSON.parses meta/_journal.json and runs \"<tag>.sql\" for each "
		   "entry, comparing \"when\" with what it recorded. A journal that is not JSON, has no "
		   "entries array, or an entry without a string tag or a numeric when stops every "
		   "migration or silently changes which ones run.",
	.fix = "Repair the journal: an object with \"dialect\": \"postgresql\" and \"entries\", each "
		   "entry {\"idx\", \"version\", \"when\", \"tag\", \"breakpoints\"} as drizzle-kit writes "
		   "them. After a merge conflict, keep both sides' entries in order.",
	.bad = "{\"version\": \"7\", \"dialect\": \"postgresql\", \"entries\": [\n"
		   "  {\"idx\": 0, \"version\": \"7\", \"when\": \"yesterday\", \"tag\": \"0000_init\"}\n]}",
	.good = "{\"version\": \"7\", \"dialect\": \"postgresql\", \"entries\": [\n"
			"  {\"idx\": 0, \"version\": \"7\", \"when\": 1795595673050, \"tag\": \"0000_init\", "
			"\"breakpoints\": true}\n]}",
	.check_folder = check,
};
