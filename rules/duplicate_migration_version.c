/* SPDX-License-Identifier: MIT */
/*
 * duplicate_migration_version.c
 *	  Flags two migrations with the same version number in a plain or Drizzle 0.x folder.
 *
 * Tools that order by the number (golang-migrate, dbmate, sqlx, a plain folder) refuse or
 * pick one; drizzle-kit writes the same 0007_ twice when two branches generated from one
 * journal. *.down.sql files share their up file's number on purpose and are left out.
 */
#include <string.h>

#include "miglint/rule.h"

/* The file name of a path. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The version: the leading digits of the file name into 'out', or "" when there are none. */
static void
version(const char *name, char *out, size_t cap)
{
	size_t n = 0;

	while (name[n] >= '0' && name[n] <= '9' && n + 1 < cap)
		n++;
	memcpy(out, name, n);
	out[n] = '\0';
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	struct ml_folder *f = chk->folder;
	char(*ver)[64];

	/* Drizzle 1.0's same-second folders are ambiguous-migration-order's. */
	if (f->kind == ML_FOLDER_SINGLE || f->kind == ML_FOLDER_DRIZZLE_V1 || f->n_files == 0)
		return;
	/* Each file's version once; *.down.sql files share their up file's on purpose. */
	ver = ml_arena_alloc(chk->arena, f->n_files * sizeof(*ver));
	for (size_t i = 0; i < f->n_files; i++)
	{
		ver[i][0] = '\0';
		if (!f->files[i].down)
			version(base_name(f->files[i].display), ver[i], sizeof(ver[i]));
	}
	for (size_t i = 0; i < f->n_files; i++)
	{
		if (ver[i][0] == '\0' || !f->files[i].selected)
			continue;
		for (size_t k = 0; k < i; k++)
		{
			const struct ml_source *src;
			struct ml_diag *d;
			size_t len;

			if (strcmp(ver[i], ver[k]) != 0)
				continue;
			src = ml_check_source(chk, &f->files[i]);
			ml_source_line_text(src, 1, &len);
			d = ml_report_in(chk, src, 0, len, "migration \"%s\" has the same version as \"%s\"",
							 base_name(f->files[i].display), base_name(f->files[k].display));
			ml_diag_detail(d, "Two branches took the same number. Tools that order by it refuse "
							  "the folder or run only one of them; in a Drizzle folder the files, "
							  "entries and snapshots of the two no longer match.");
			ml_diag_hint(d, "Renumber the later one (its file, and in Drizzle its journal entry "
							"and snapshot) so that every migration has its own version.");
			break;
		}
	}
}

const struct ml_rule ml_rule_duplicate_migration_version = {
	.name = "duplicate-migration-version",
	.category = ML_CATEGORY_JOURNAL,
	.severity = ML_SEVERITY_ERROR,
	.summary = "two migrations with the same version number",
	.why = "Migration tools order and record migrations by their version number. Two files with "
		   "one number (two branches that each generated the next one) are refused, run in an "
		   "order that depends on the machine, or leave one unapplied.",
	.fix = "Renumber the later migration (and, in a Drizzle folder, its journal entry and "
		   "snapshot) so that every version is unique.",
	.bad = "0007_add_tags.sql\n0007_add_users_last_login.sql",
	.good = "0007_add_tags.sql\n0008_add_users_last_login.sql",
	.check_folder = check,
};
