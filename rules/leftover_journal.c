/* SPDX-License-Identifier: MIT */
/*
 * leftover_journal.c
 *	  Flags a meta/_journal.json left in a Drizzle 1.0 folder.
 *
 * drizzle-orm 1.0's migrator refuses to run when meta/_journal.json exists ("We detected
 * that you have old drizzle-kit migration folders"); drizzle-kit up converts the journal's
 * migrations into folders and deletes meta/. A journal beside 1.0 folders is a half-done
 * upgrade, or an old folder restored by a merge.
 */
#include "miglint/rule.h"

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	struct ml_diag *d;

	if (chk->folder->kind != ML_FOLDER_DRIZZLE_V1 || !chk->meta->has_journal)
		return;
	d = ml_report_at_json(chk, &chk->meta->journal, NULL,
						  "meta/_journal.json is left over beside Drizzle 1.0 migration folders");
	ml_diag_detail(d, "drizzle-orm 1.0's migrator refuses to run while meta/_journal.json "
					  "exists: \"We detected that you have old drizzle-kit migration folders\".");
	ml_diag_hint(d, "Run drizzle-kit up if the journal still lists migrations that have no "
					"folder; otherwise delete meta/.");
}

const struct ml_rule ml_rule_leftover_journal = {
	.name = "leftover-journal",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a drizzle-kit 0.x journal left in a Drizzle 1.0 folder",
	.why = "drizzle-orm 1.0 refuses to migrate while meta/_journal.json exists. drizzle-kit up "
		   "converts it and removes meta/; a journal beside 1.0 folders means the upgrade was not "
		   "finished or a merge brought the old folder back.",
	.fix = "Run drizzle-kit up, or delete meta/ when every migration already has its folder.",
	.bad = "drizzle/20250101000000_init/migration.sql\ndrizzle/meta/_journal.json",
	.good = "drizzle/20250101000000_init/migration.sql\ndrizzle/20250101000000_init/snapshot.json",
	.check_folder = check,
};
