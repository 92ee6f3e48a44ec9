/* SPDX-License-Identifier: MIT */
/*
 * fuzz_journal.c
 *	  The journal readers: the bytes become meta/_journal.json of a small Drizzle folder,
 *	  which is linted (folder model, journal and history rules, reporters) and read as
 *	  --apply reads it.
 */
#include "fuzz.h"
#include "miglint/apply.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_drizzle_folder();
	struct ml_error err;
	struct ml_apply_plan plan;

	fuzz_write(dir, "meta/_journal.json", data, size);
	fuzz_lint_folder(dir);
	ml_error_clear(&err);
	ml_apply_plan_read(&plan, dir, &err);
	ml_apply_plan_cleanup(&plan);
	return 0;
}
