/* SPDX-License-Identifier: MIT */
/*
 * fuzz_config.c
 *	  The config reader: the bytes become a .miglint.json, loaded into a config.
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

	fuzz_write(dir, ".miglint.json", data, size);
	snprintf(path, sizeof(path), "%s/.miglint.json", dir);
	ml_config_init(&cfg);
	ml_error_clear(&err);
	ml_config_load(&cfg, path, &err);
	ml_config_cleanup(&cfg);
	return 0;
}
