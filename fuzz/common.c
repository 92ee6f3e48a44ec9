/* SPDX-License-Identifier: MIT */
/*
 * common.c
 *	  The helpers of fuzz.h: the whole lint pipeline and every reporter, and scratch files.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "miglint/config.h"
#include "miglint/lint.h"
#include "miglint/report.h"

static void
ignore_error(const struct ml_error *err, void *data)
{
	(void) err;
	(void) data;
}

void
fuzz_lint_and_report(struct ml_inputs *in)
{
	static FILE *null;
	struct ml_config cfg;
	struct ml_diag_list diags;
	struct ml_lint_stats stats;

	if (null == NULL)
		null = fopen("/dev/null", "w");
	ml_config_init(&cfg);
	ml_diag_list_init(&diags);
	ml_lint_run(&stats, &diags, in, &cfg, ignore_error, NULL);
	ml_report_text(null, &diags, &stats, true);
	ml_report_json(null, &diags, &stats);
	ml_report_sarif(null, &diags, &cfg);
	ml_report_github(null, &diags);
	ml_report_gcc(null, &diags);
	fflush(null);
	ml_diag_list_cleanup(&diags);
	ml_config_cleanup(&cfg);
}

static char temp_dir[64];

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void) st;
	(void) flag;
	(void) ftw;
	return remove(path);
}

static void
remove_temp_dir(void)
{
	nftw(temp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzz_temp_dir(void)
{
	if (temp_dir[0] == '\0')
	{
		snprintf(temp_dir, sizeof(temp_dir), "/tmp/miglint-fuzz.XXXXXX");
		if (mkdtemp(temp_dir) == NULL)
			abort();
		atexit(remove_temp_dir);
	}
	return temp_dir;
}

const char *
fuzz_drizzle_folder(void)
{
	static const char sql[] = "CREATE TABLE IF NOT EXISTS \"t\" (\"id\" int);";
	const char *dir = fuzz_temp_dir();
	char meta[600];

	snprintf(meta, sizeof(meta), "%s/meta", dir);
	mkdir(meta, 0755);
	fuzz_write(dir, "0000_init.sql", (const uint8_t *) sql, sizeof(sql) - 1);
	fuzz_write(dir, "0001_next.sql", (const uint8_t *) sql, sizeof(sql) - 1);
	return dir;
}

void
fuzz_lint_folder(const char *dir)
{
	struct ml_inputs in;
	struct ml_error err;

	ml_inputs_init(&in);
	ml_error_clear(&err);
	if (ml_inputs_add(&in, dir, NULL, &err) == 0)
		fuzz_lint_and_report(&in);
	ml_inputs_cleanup(&in);
}

void
fuzz_write(const char *dir, const char *rel, const uint8_t *data, size_t size)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "wb");
	if (f == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}
