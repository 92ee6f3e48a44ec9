/* SPDX-License-Identifier: MIT */
/*
 * missing_migration_file.c
 *	  Flags a migration that is listed but has no SQL: a journal entry whose <tag>.sql does
 *	  not exist, or a Drizzle 1.0 migration folder without migration.sql.
 *
 * drizzle-orm 0.x reads every journaled file before touching the database: one missing file
 * throws "No file ... found" and blocks every pending migration. drizzle-orm 1.0 skips a
 * folder without migration.sql silently, so that migration never runs, while its snapshot
 * tells drizzle-kit that it did.
 */
#include "miglint/rule.h"

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	const struct ml_drizzle_meta *m = chk->meta;
	struct ml_diag *d;

	if (chk->folder->kind == ML_FOLDER_DRIZZLE)
		for (size_t i = 0; i < m->n_entries; i++)
		{
			const struct ml_journal_entry *e = &m->entry[i];

			if (e->tag_text == NULL || !e->tag_safe || e->file != NULL)
				continue;
			d = ml_report_at_json(chk, &m->journal, e->tag,
								  "journal entry %zu names \"%s.sql\", which does not exist",
								  e->position, e->tag_text);
			ml_diag_detail(d, "drizzle-orm's migrator reads every listed file before it migrates; "
							  "it fails with \"No file ... found\" and applies nothing.");
			ml_diag_hint(d, "Restore \"%s.sql\" from version control, or remove the entry and its "
							"snapshot if the migration was never applied anywhere.",
						 e->tag_text);
		}
	if (chk->folder->kind == ML_FOLDER_DRIZZLE_V1)
		for (size_t i = 0; i < m->n_dirs; i++)
		{
			const struct ml_v1_dir *dir = &m->dirs[i];
			const struct ml_snapshot *s;

			if (dir->file != NULL || dir->snapshot == (size_t) -1)
				continue;
			s = &m->snapshots[dir->snapshot];
			d = ml_report_at_snapshot(chk, s, ML_SNAP_ID,
								  "migration folder \"%s\" has no migration.sql", dir->name);
			ml_diag_detail(d, "drizzle-orm 1.0 runs only folders that hold a migration.sql and "
							  "skips this one silently, while its snapshot tells drizzle-kit the "
							  "change was made: database and schema drift apart.");
			ml_diag_hint(d, "Restore %s/migration.sql from version control.", dir->name);
		}
}

const struct ml_rule ml_rule_missing_migration_file = {
	.name = "missing-migration-file",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a migration listed in the journal (or a 1.0 folder) without its SQL file",
	.why = "drizzle-orm 0.x reads every journaled <tag>.sql before it migrates and fails on the "
		   "first missing one, so nothing is applied. drizzle-orm 1.0 silently skips a migration "
		   "folder without migration.sql, although its snapshot says the change was made.",
	.fix = "Restore the file from version control, or remove the entry (and its snapshot) if "
		   "the migration was never applied anywhere.",
	.bad = "{\"idx\": 5, \"tag\": \"0005_add_tags\", ...}   (no 0005_add_tags.sql)",
	.good = "{\"idx\": 5, \"tag\": \"0005_add_tags\", ...}   with 0005_add_tags.sql present",
	.check_folder = check,
};
