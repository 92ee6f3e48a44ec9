/* SPDX-License-Identifier: MIT */
/*
 * test-corpora.c
 *	  miglint over every real corpus in ../shared/corpora: no crash, no sanitizer report,
 *	  a clean message for every input it refuses, and every syntax error at a position that
 *	  points into its file.
 *
 * Skips (exit 77, which meson reports as SKIP) when ../shared is absent, as in a user's
 * clone. Every folder that directly holds .sql files (or migration.sql folders) is linted
 * as one run with --format json, and the JSON is checked finding by finding.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "miglint/utf8.h"

static char **folders;
static size_t n_folders;

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds 'dir' when it holds .sql files or is a Drizzle 1.0 folder; walks into the rest. */
static void
collect(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	bool has_sql = false;
	char **subs = NULL;
	size_t n_subs = 0;

	if (d == NULL || depth > 6)
	{
		if (d)
			closedir(d);
		return;
	}
	while ((de = readdir(d)) != NULL)
	{
		size_t l = strlen(de->d_name);
		char *p;

		if (de->d_name[0] == '.' || strcmp(de->d_name, "node_modules") == 0)
			continue;
		p = path_join(dir, de->d_name);
		if (is_dir(p))
		{
			subs = realloc(subs, (n_subs + 1) * sizeof(char *));
			subs[n_subs++] = p;
			continue;
		}
		if ((l > 4 && strcmp(de->d_name + l - 4, ".sql") == 0))
			has_sql = true;
		free(p);
	}
	closedir(d);
	if (has_sql)
	{
		folders = realloc(folders, (n_folders + 1) * sizeof(char *));
		folders[n_folders++] = strdup(dir);
	}
	for (size_t i = 0; i < n_subs; i++)
	{
		collect(subs[i], depth + 1);
		free(subs[i]);
	}
	free(subs);
}

/* Checks that line:column of a finding lies inside its file. */
static void
assert_inside(const char *folder, const cJSON *f)
{
	const char *file = cJSON_GetObjectItem(f, "file")->valuestring;
	int line = cJSON_GetObjectItem(f, "line")->valueint;
	int col = cJSON_GetObjectItem(f, "column")->valueint;
	size_t len = 0, start = 0;
	char *text = read_file(file, &len);
	int l = 1;

	ck_assert_msg(text != NULL, "%s: cannot read %s", folder, file);
	for (size_t i = 0; i < len && l < line; i++)
		if (text[i] == '\n')
		{
			l++;
			start = i + 1;
		}
	ck_assert_msg(l == line, "%s: %s has no line %d", file, file, line);
	{
		size_t end = start;

		while (end < len && text[end] != '\n')
			end++;
		ck_assert_msg((size_t) col <= ml_utf8_count(text + start, end - start) + 1,
					  "%s:%d: column %d is past the end of the line", file, line, col);
	}
	free(text);
}

START_TEST(corpus_folder_lints_cleanly)
{
	const char *folder = folders[_i];
	const char *argv[] = {"--format", "json", folder, NULL};
	struct run_result r;
	cJSON *doc, *findings, *f;

	run_miglint(&r, NULL, argv, NULL, 0, -1);
	ck_assert_msg(r.status == 0 || r.status == 1 || r.status == 2, "%s: exit %d\n%s", folder,
				  r.status, r.err);
	ck_assert_msg(strstr(r.err, "Sanitizer") == NULL && strstr(r.err, "runtime error") == NULL,
				  "%s: sanitizer report:\n%s", folder, r.err);
	/* Every stderr line is one of miglint's own messages. */
	for (char *line = r.err; *line;)
	{
		char *nl = strchr(line, '\n');

		ck_assert_msg(strncmp(line, "miglint: ", 9) == 0, "%s: stray stderr: %s", folder, line);
		line = nl ? nl + 1 : line + strlen(line);
	}
	ck_assert_msg(r.status != 2 || r.err_len > 0, "%s: exit 2 without a message", folder);
	doc = cJSON_Parse(r.out);
	ck_assert_msg(doc != NULL, "%s: output is not JSON", folder);
	findings = cJSON_GetObjectItem(doc, "findings");
	ck_assert(cJSON_IsArray(findings));
	cJSON_ArrayForEach(f, findings)
	{
		if (strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, "syntax-error") == 0)
			assert_inside(folder, f);
	}
	cJSON_Delete(doc);
	run_result_free(&r);
}
END_TEST

int
main(void)
{
	const char *shared = getenv("MIGLINT_SHARED");
	Suite *s;
	TCase *tc;
	SRunner *sr;
	char *corpora;
	int failed;

	if (shared == NULL || !is_dir(shared))
	{
		printf("skipped: %s not found (only a developer checkout has ../shared)\n",
			   shared ? shared : "MIGLINT_SHARED");
		return 77;
	}
	corpora = path_join(shared, "corpora");
	collect(corpora, 0);
	free(corpora);
	if (n_folders == 0)
	{
		printf("skipped: no corpora under %s\n", shared);
		return 77;
	}
	/* Made only now: a skip above must leave nothing for LeakSanitizer to find. */
	s = suite_create("corpora");
	tc = tcase_create("folders");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, corpus_folder_lints_cleanly, 0, (int) n_folders);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < n_folders; i++)
		free(folders[i]);
	free(folders);
	return failed == 0 ? 0 : 1;
}
