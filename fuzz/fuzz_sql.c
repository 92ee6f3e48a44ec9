/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sql.c
 *	  The SQL pipeline: bytes -> breakpoint split -> parse (DO bodies too) -> every rule ->
 *	  every reporter. The first byte picks the split: plain file, Drizzle chunks, or auto.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ml_split_mode modes[] = {ML_SPLIT_PLAIN, ML_SPLIT_DRIZZLE, ML_SPLIT_AUTO};
	struct ml_inputs in;
	struct ml_folder *f;
	struct ml_migration *m;

	if (size < 1)
		return 0;
	ml_inputs_init(&in);
	f = calloc(1, sizeof(*f));
	m = calloc(1, sizeof(*m));
	in.folders = calloc(1, sizeof(*in.folders));
	if (f == NULL || m == NULL || in.folders == NULL)
		abort();
	f->kind = ML_FOLDER_SINGLE;
	f->fs_root = strdup("fuzz.sql");
	f->display_root = strdup("fuzz.sql");
	f->named = true;
	m->fs_path = strdup("fuzz.sql");
	m->display = strdup("fuzz.sql");
	m->mode = modes[data[0] % 3];
	m->selected = m->named = true;
	m->override = malloc(size);
	if (m->override == NULL)
		abort();
	memcpy(m->override, data + 1, size - 1);
	m->override_len = size - 1;
	f->files = m;
	f->n_files = 1;
	in.folders[0] = f;
	in.n_folders = 1;
	fuzz_lint_and_report(&in);
	ml_inputs_cleanup(&in);
	return 0;
}
