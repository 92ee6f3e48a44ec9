/* SPDX-License-Identifier: MIT */
/*
 * fuzz_journal.c
 *	  The journal readers: the bytes become meta/_journal.json of a small Drizzle folder,
 *	  which is linted (folder model, journal and history rules, reporters) and read as
 *	  --apply reads it.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "miglint/apply.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sql[] = "CREATE TABLE IF NOT EXISTS \"t\" (\"id\" int);";
	const char *dir = fuzz_temp_dir();
	char meta[600];
	struct ml_inputs in;
	struct ml_error err;
	struct ml_apply_plan plan;

	snprintf(meta, sizeof(meta), "%s/meta", dir);
	mkdir(meta, 0755);
	fuzz_write(dir, "0000_init.sql", (const uint8_t *) sql, sizeof(sql) - 1);
	fuzz_write(dir, "0001_next.sql", (const uint8_t *) sql, sizeof(sql) - 1);
	fuzz_write(dir, "meta/_journal.json", data, size);
	ml_inputs_init(&in);
	ml_error_clear(&err);
	if (ml_inputs_add(&in, dir, NULL, &err) == 0)
		fuzz_lint_and_report(&in);
	ml_inputs_cleanup(&in);
	ml_apply_plan_read(&plan, dir, &err);
	ml_apply_plan_cleanup(&plan);
	return 0;
}
