/* SPDX-License-Identifier: MIT */
/*
 * ambiguous_migration_order.c
 *	  Flags Drizzle 1.0 migration folders whose run order is not fixed by their timestamps:
 *	  two folders of the same second, and folder names that do not start with one.
 *
 * drizzle-orm 1.0 sorts folders with localeCompare under the process's locale and records
 * created_at from the name's first 14 characters. Within one second the rest of the name
 * decides, and locales order letters differently (da_DK puts "aa" after "z"), so two
 * machines can run the same folder in different orders. A name without a timestamp gives a
 * created_at of NaN: the INSERT fails and every later migrate is blocked.
 */
#include <string.h>

#include "miglint/rule.h"

static bool
timestamped(const char *name)
{
	for (int i = 0; i < 14; i++)
		if (name[i] < '0' || name[i] > '9')
			return false;
	return true;
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	const struct ml_drizzle_meta *m = chk->meta;

	if (chk->folder->kind != ML_FOLDER_DRIZZLE_V1)
		return;
	for (size_t i = 0; i < m->n_dirs; i++)
	{
		const struct ml_v1_dir *d = &m->dirs[i];
		const struct ml_source *src;
		struct ml_diag *diag;

		if (d->file == NULL || !d->file->selected)
			continue;
		if (!timestamped(d->name))
		{
			src = ml_check_source(chk, d->file);
			diag = ml_report_in(chk, src, 0, 0, "migration folder \"%s\" does not start with a "
												"YYYYMMDDHHMMSS timestamp",
								d->name);
			ml_diag_detail(diag, "drizzle-orm 1.0 records created_at from the first 14 "
								 "characters of the name; here they are not a time, the INSERT "
								 "fails with \"invalid input syntax for type bigint: \\\"NaN\\\"\", "
								 "and every later migrate is blocked.");
			ml_diag_hint(diag, "Rename the folder to <YYYYMMDDHHMMSS>_<name>, later than the "
							   "migration it builds on.");
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (m->dirs[k].file != NULL && timestamped(m->dirs[k].name) &&
				strncmp(m->dirs[k].name, d->name, 14) == 0)
			{
				src = ml_check_source(chk, d->file);
				diag = ml_report_in(chk, src, 0, 0,
									"migration folders \"%s\" and \"%s\" have the same timestamp",
									m->dirs[k].name, d->name);
				ml_diag_detail(diag, "drizzle-orm 1.0 orders folders of one second by the rest of "
									 "their names, compared under the machine's locale, so the "
									 "order can differ between machines.");
				ml_diag_hint(diag, "Rename the later folder one second later, if it depends on "
								   "the other.");
				break;
			}
	}
}

const struct ml_rule ml_rule_ambiguous_migration_order = {
	.name = "ambiguous-migration-order",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_WARNING,
	.summary = "migration folders (Drizzle 1.0) whose timestamps do not fix the run order",
	.why = "drizzle-orm 1.0 runs folders in localeCompare order of their names and records "
		   "created_at from the leading timestamp. Two folders of the same second are ordered by "
		   "the rest of the name under the machine's locale; a name without a timestamp records "
		   "NaN and blocks every later migrate.",
	.fix = "Give every folder its own YYYYMMDDHHMMSS prefix, later than the migration it builds "
		   "on.",
	.bad = "20261125083427_add_posts/\n20261125083427_add_users_bio/",
	.good = "20261125083427_add_posts/\n20261125083428_add_users_bio/",
	.check_folder = check,
};
