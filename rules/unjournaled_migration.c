/* SPDX-License-Identifier: MIT */
/*
 * unjournaled_migration.c
 *	  Flags a .sql file in a Drizzle folder that no journal entry names.
 *
 * drizzle-orm's migrator never lists the folder: it runs exactly the journal's entries. A
 * file without an entry (a journal merge conflict resolved by taking one side, a hand-made
 * file) never runs, on any database, and nothing says so.
 */
#include <string.h>

#include "miglint/rule.h"

/* The file's name without its folder. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Suggests an entry: idx from the numeric prefix, "when" between the neighbours by idx. */
static void
suggest(struct ml_diag *d, const struct ml_drizzle_meta *m, const char *name)
{
	unsigned long long n;
	size_t len = strlen(name) - 4; /* ".sql" */
	const cJSON *before = NULL, *after = NULL;

	if (!ml_folder_numeric_prefix(name, &n))
	{
		ml_diag_hint(d, "If it is a migration, add an entry for \"%.*s\" to meta/_journal.json; "
						"if it is not, move it out of the migrations folder.",
					 (int) len, name);
		return;
	}
	for (size_t i = 0; i < m->n_entries; i++)
	{
		const struct ml_journal_entry *e = &m->entry[i];

		if (!cJSON_IsNumber(e->idx) || !cJSON_IsNumber(e->when))
			continue;
		/* Compared as doubles: a negative or huge idx has no unsigned value. */
		if (e->idx->valuedouble < (double) n)
			before = e->when;
		else if (after == NULL)
			after = e->when;
	}
	if (before != NULL && after != NULL)
		ml_diag_hint(d, "Restore its entry {\"idx\": %llu, \"version\": \"7\", \"when\": <greater "
						"than %.0f and less than %.0f>, \"tag\": \"%.*s\", \"breakpoints\": true} "
						"in meta/_journal.json, or delete the file and its snapshot.",
					 n, before->valuedouble, after->valuedouble, (int) len, name);
	else if (before != NULL)
		ml_diag_hint(d, "Add the entry {\"idx\": %llu, \"version\": \"7\", \"when\": <greater than "
						"%.0f>, \"tag\": \"%.*s\", \"breakpoints\": true} to meta/_journal.json, or "
						"delete the file and its snapshot.",
					 n, before->valuedouble, (int) len, name);
	else
		ml_diag_hint(d, "Add the entry {\"idx\": %llu, \"version\": \"7\", \"when\": <ms>, \"tag\": "
						"\"%.*s\", \"breakpoints\": true} to meta/_journal.json, or delete the file "
						"and its snapshot.",
					 n, (int) len, name);
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	struct ml_folder *f = chk->folder;

	if (f->kind != ML_FOLDER_DRIZZLE || !chk->meta->has_journal || chk->meta->entries == NULL)
		return;
	for (size_t i = 0; i < f->n_files; i++)
	{
		const struct ml_migration *m = &f->files[i];
		const struct ml_source *src;
		const char *name = base_name(m->display);
		struct ml_diag *d;
		size_t len;

		if (m->journaled || !m->selected)
			continue;
		src = ml_check_source(chk, m);
		ml_source_line_text(src, 1, &len);
		d = ml_report_in(chk, src, 0, len, "migration \"%s\" has no journal entry", name);
		ml_diag_detail(d, "drizzle-orm's migrator runs only the files meta/_journal.json lists, "
						  "so this file never runs, on any database, and nothing reports it.");
		suggest(d, chk->meta, name);
	}
}

const struct ml_rule ml_rule_unjournaled_migration = {
	.name = "unjournaled-migration",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a .sql file in a Drizzle folder that the journal does not list",
	.why = "drizzle-orm's migrator runs exactly the entries of meta/_journal.json and never "
		   "lists the folder. A .sql file without an entry, typically after a journal merge "
		   "conflict was resolved by taking one side, never runs anywhere, silently.",
	.fix = "Restore its journal entry (idx, version, a when between its neighbours', tag, "
		   "breakpoints), or delete the file and its snapshot.",
	.bad = "drizzle/0008_add_posts_view_count.sql   (no entry with tag \"0008_add_posts_view_count\")",
	.good = "{\"idx\": 8, \"version\": \"7\", \"when\": 1795595600000, \"tag\": "
			"\"0008_add_posts_view_count\", \"breakpoints\": true}",
	.check_folder = check,
};
