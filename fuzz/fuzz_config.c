/* SPDX-License-Identifier: MIT */
/*
 * fuzz_config.c
 *	  The config reader: the bytes after the first become a .miglint.json or a package.json
 *	  (the first byte picks), loaded into a config.
 */
#include <stdio.h>

#include "fuzz.h"
#include "miglint/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_temp_dir();
	char path[600];
	struct ml_config cfg;
	struct ml_error err;

	/* The first byte picks the reader: .miglint.json, or package.json's "miglint" key. */
	const char *name = size > 0 && data[0] % 2 ? "package.json" : ".miglint.json";

	if (size == 0)
		return 0;
	fuzz_write(dir, name, data + 1, size - 1);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ml_config_init(&cfg);
	ml_error_clear(&err);
	ml_config_load(&cfg, path, &err);
	ml_config_cleanup(&cfg);
	return 0;
}
