/* SPDX-License-Identifier: MIT */
/*
 * golden.c
 *	  The one golden runner: every case under testdata/ is a directory of files, no code.
 *
 *	  testdata/rules/<rule>/{bad,good}-<what>.sql + .out, or {bad,good}-<what>/ + .out
 *	      `miglint --no-color <what>.sql` (or the folder <what>/, for the journal and
 *	      snapshot rules) run in the rule's folder; stdout must equal the .out file, stderr
 *	      must be empty; a good case must print nothing and exit 0, a bad case exits 1 (or
 *	      the number in <what>.exit). An optional <what>.args holds options to put before
 *	      the path, one per line (a case at one --pg-version).
 *	  testdata/cli/<case>/args (one argument per line), optional stdin,
 *	      expected.out, expected.err, expected.exit
 *	      miglint with those arguments, run in that folder.
 *
 *	  testdata/fix/<what>.sql + .fixed, .after, .diff, .fixlog
 *	      `miglint --fix` on a copy: the file must become .fixed, what remains is .after (gcc
 *	      format), the summary on stderr is .fixlog; a second --fix changes nothing (a fixed
 *	      point); `--fix --diff` on another copy prints .diff and leaves the file alone.
 *
 * On a mismatch the actual output is written under the build folder and a unified diff is
 * printed. MIGLINT_ACCEPT=1 rewrites the expected files instead, to review in git diff.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

struct golden_case
{
	char *dir;	/* absolute case folder (rules/<rule>, cli/<case> or fix) */
	char *name; /* the .sql file or folder (rule and fix cases), NULL for cli cases */
	char *label;
	bool fix;
};

static struct golden_case *cases;
static size_t n_cases;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Sorted entries of a directory that satisfy 'keep'. */
static char **
list_dir(const char *dir, bool (*keep)(const char *dir, const char *name), size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **items = NULL;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
	{
		if (de->d_name[0] == '.' || !keep(dir, de->d_name))
			continue;
		items = realloc(items, (*n + 1) * sizeof(char *));
		items[(*n)++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(items, *n, sizeof(char *), cmp_str);
	return items;
}

static bool
keep_dir(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

	free(p);
	return ok;
}

/* A rule case: bad-* or good-*, either a .sql file or a folder (for folder rules). */
static bool
keep_case(const char *dir, const char *name)
{
	size_t l = strlen(name);

	if (strncmp(name, "bad-", 4) != 0 && strncmp(name, "good-", 5) != 0)
		return false;
	return (l > 4 && strcmp(name + l - 4, ".sql") == 0) || keep_dir(dir, name);
}

static void
add_case(const char *dir, const char *name, const char *label)
{
	cases = realloc(cases, (n_cases + 1) * sizeof(*cases));
	cases[n_cases].dir = strdup(dir);
	cases[n_cases].name = name ? strdup(name) : NULL;
	cases[n_cases].label = strdup(label);
	cases[n_cases].fix = false;
	n_cases++;
}

static bool
keep_sql(const char *dir, const char *name)
{
	size_t l = strlen(name);

	(void) dir;
	return l > 4 && strcmp(name + l - 4, ".sql") == 0;
}

static void
discover(const char *testdata)
{
	char *rules = path_join(testdata, "rules"), *cli = path_join(testdata, "cli");
	size_t nr, nc;
	char **rule_dirs = list_dir(rules, keep_dir, &nr);
	char **cli_dirs = list_dir(cli, keep_dir, &nc);

	for (size_t i = 0; i < nr; i++)
	{
		char *dir = path_join(rules, rule_dirs[i]);
		size_t ns;
		char **sqls = list_dir(dir, keep_case, &ns);

		for (size_t k = 0; k < ns; k++)
		{
			char label[1024];

			snprintf(label, sizeof(label), "rules/%s/%s", rule_dirs[i], sqls[k]);
			add_case(dir, sqls[k], label);
			free(sqls[k]);
		}
		free(sqls);
		free(dir);
		free(rule_dirs[i]);
	}
	for (size_t i = 0; i < nc; i++)
	{
		char *dir = path_join(cli, cli_dirs[i]);
		char label[1024];

		snprintf(label, sizeof(label), "cli/%s", cli_dirs[i]);
		add_case(dir, NULL, label);
		free(dir);
		free(cli_dirs[i]);
	}
	free(rule_dirs);
	free(cli_dirs);
	free(rules);
	free(cli);
	{
		char *fix = path_join(testdata, "fix");
		size_t nf;
		char **sqls = list_dir(fix, keep_sql, &nf);

		for (size_t i = 0; i < nf; i++)
		{
			char label[1024];

			snprintf(label, sizeof(label), "fix/%s", sqls[i]);
			add_case(fix, sqls[i], label);
			cases[n_cases - 1].fix = true;
			free(sqls[i]);
		}
		free(sqls);
		free(fix);
	}
}

static bool
accepting(void)
{
	const char *a = getenv("MIGLINT_ACCEPT");

	return a != NULL && strcmp(a, "1") == 0;
}

/* Compares; on a mismatch writes the actual text to the build folder and prints a diff. */
static bool
same_or_diff(const char *label, const char *what, const char *expected_path, const char *actual,
			  size_t actual_len)
{
	size_t elen = 0;
	char *expected = read_file(expected_path, &elen);
	bool same;

	if (expected == NULL)
	{
		expected = strdup("");
		elen = 0;
	}
	same = elen == actual_len && memcmp(expected, actual, elen) == 0;
	if (!same && accepting())
	{
		write_file(expected_path, actual, actual_len);
		same = true;
	}
	else if (!same)
	{
		char path[4096], cmd[9000];
		char *flat = strdup(label);

		for (char *p = flat; *p; p++)
			if (*p == '/')
				*p = '_';
		snprintf(path, sizeof(path), "%s/golden-results/%s.%s", test_env("MIGLINT_BUILD_ROOT"),
				 flat, what);
		free(flat);
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s/golden-results'", test_env("MIGLINT_BUILD_ROOT"));
		if (system(cmd) != 0)
			fprintf(stderr, "could not create the results folder\n");
		write_file(path, actual, actual_len);
		fprintf(stderr, "--- %s: %s differs (expected %s, actual %s)\n", label, what,
				expected_path, path);
		snprintf(cmd, sizeof(cmd), "diff -u '%s' '%s' >&2", expected_path, path);
		if (system(cmd) == -1)
			fprintf(stderr, "could not run diff\n");
	}
	free(expected);
	return same;
}

/* Splits an args file (one argument per line) into a NULL-terminated argv (malloc'd strings). */
static char **
read_args(const char *path)
{
	char *text = read_file(path, NULL);
	char **argv = calloc(1, sizeof(char *));
	size_t n = 0;

	if (text == NULL)
		return argv;
	for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n"))
	{
		argv = realloc(argv, (n + 2) * sizeof(char *));
		argv[n++] = strdup(line);
		argv[n] = NULL;
	}
	free(text);
	return argv;
}

static int
expected_exit(const char *path, int fallback)
{
	char *text = read_file(path, NULL);
	int v = fallback;

	if (text != NULL)
	{
		v = atoi(text);
		free(text);
	}
	return v;
}

static void
run_rule_case(const struct golden_case *c)
{
	struct run_result r;
	size_t l = strlen(c->name), n_extra = 0;
	bool is_sql = l > 4 && strcmp(c->name + l - 4, ".sql") == 0;
	char *base = strndup(c->name, is_sql ? l - 4 : l);
	char *out_name = malloc(l + 8), *exit_name = malloc(l + 8), *args_name = malloc(l + 8);
	char *out_path, *exit_path, *args_path, **extra;
	const char **argv;
	bool good = strncmp(c->name, "good-", 5) == 0;
	int want;

	sprintf(out_name, "%s.out", base);
	sprintf(exit_name, "%s.exit", base);
	sprintf(args_name, "%s.args", base);
	out_path = path_join(c->dir, out_name);
	exit_path = path_join(c->dir, exit_name);
	args_path = path_join(c->dir, args_name);
	want = expected_exit(exit_path, good ? 0 : 1);
	extra = read_args(args_path);
	while (extra[n_extra] != NULL)
		n_extra++;
	argv = calloc(n_extra + 3, sizeof(char *));
	argv[0] = "--no-color";
	for (size_t i = 0; i < n_extra; i++)
		argv[1 + i] = extra[i];
	argv[1 + n_extra] = c->name;
	run_miglint(&r, c->dir, argv, NULL, 0, -1);
	ck_assert_msg(same_or_diff(c->label, "out", out_path, r.out, r.out_len),
				  "%s: output differs from %s", c->label, out_path);
	ck_assert_msg(r.err_len == 0, "%s: unexpected stderr:\n%s", c->label, r.err);
	ck_assert_msg(r.status == want, "%s: exit status %d, expected %d", c->label, r.status, want);
	if (good)
		ck_assert_msg(r.out_len == 0, "%s: a good case must print nothing", c->label);
	run_result_free(&r);
	for (size_t i = 0; i < n_extra; i++)
		free(extra[i]);
	free(extra);
	free(argv);
	free(base);
	free(out_name);
	free(exit_name);
	free(args_name);
	free(out_path);
	free(exit_path);
	free(args_path);
}

static void
run_cli_case(const struct golden_case *c)
{
	char *args_path = path_join(c->dir, "args");
	char **argv = read_args(args_path);
	char *stdin_path = path_join(c->dir, "stdin");
	char *out_path = path_join(c->dir, "expected.out");
	char *err_path = path_join(c->dir, "expected.err");
	char *exit_path = path_join(c->dir, "expected.exit");
	size_t in_len = 0;
	char *input = read_file(stdin_path, &in_len);
	struct run_result r;
	char status[16];
	int want;
	bool out_ok, err_ok, exit_ok;

	run_miglint(&r, c->dir, (const char *const *) argv, input, in_len, -1);
	out_ok = same_or_diff(c->label, "out", out_path, r.out, r.out_len);
	err_ok = same_or_diff(c->label, "err", err_path, r.err, r.err_len);
	snprintf(status, sizeof(status), "%d\n", r.status);
	want = expected_exit(exit_path, -1);
	exit_ok = want == r.status;
	if (!exit_ok && accepting())
		exit_ok = write_file(exit_path, status, strlen(status));
	ck_assert_msg(out_ok, "%s: stdout differs", c->label);
	ck_assert_msg(err_ok, "%s: stderr differs", c->label);
	ck_assert_msg(exit_ok, "%s: exit status %d, expected %d", c->label, r.status, want);
	run_result_free(&r);
	for (size_t i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
	free(input);
	free(args_path);
	free(stdin_path);
	free(out_path);
	free(err_path);
	free(exit_path);
}

/* A path beside the case's .sql: <base><ext>. */
static char *
sibling(const struct golden_case *c, const char *ext)
{
	size_t l = strlen(c->name) - 4;
	char *name = malloc(l + strlen(ext) + 1);
	char *p;

	memcpy(name, c->name, l);
	strcpy(name + l, ext);
	p = path_join(c->dir, name);
	free(name);
	return p;
}

static void
run_fix_case(const struct golden_case *c)
{
	char *src = path_join(c->dir, c->name);
	char *work = path_join(test_env("MIGLINT_BUILD_ROOT"), "fix-work");
	char *copy = path_join(work, c->name);
	char *fixed_path = sibling(c, ".fixed"), *after_path = sibling(c, ".after");
	char *diff_path = sibling(c, ".diff"), *log_path = sibling(c, ".fixlog");
	const char *fix_argv[] = {"--no-config", "--no-color", "--format", "gcc", "--fix", c->name,
							  NULL};
	const char *diff_argv[] = {"--no-config", "--fix", "--diff", c->name, NULL};
	size_t orig_len, got_len, again_len;
	char *orig = read_file(src, &orig_len), *got, *again, cmd[8400];
	struct run_result r;

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", work);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert(orig != NULL && write_file(copy, orig, orig_len));
	run_miglint(&r, work, fix_argv, NULL, 0, -1);
	got = read_file(copy, &got_len);
	ck_assert_msg(same_or_diff(c->label, "fixed", fixed_path, got, got_len), "%s: fixed file differs",
				  c->label);
	ck_assert_msg(same_or_diff(c->label, "after", after_path, r.out, r.out_len),
				  "%s: findings after the fix differ", c->label);
	ck_assert_msg(same_or_diff(c->label, "fixlog", log_path, r.err, r.err_len),
				  "%s: fix summary differs", c->label);
	run_result_free(&r);
	/* A fixed point: fixing again changes nothing. */
	run_miglint(&r, work, fix_argv, NULL, 0, -1);
	again = read_file(copy, &again_len);
	ck_assert_msg(again_len == got_len && memcmp(again, got, got_len) == 0,
				  "%s: a second --fix changed the file", c->label);
	ck_assert_msg(strncmp(r.err, "miglint: made 0 fixes in 0 files",
						  strlen("miglint: made 0 fixes in 0 files")) == 0,
				  "%s: a second --fix reported: %s", c->label, r.err);
	run_result_free(&r);
	/* --diff shows the same change and writes nothing. */
	ck_assert(write_file(copy, orig, orig_len));
	run_miglint(&r, work, diff_argv, NULL, 0, -1);
	ck_assert_msg(same_or_diff(c->label, "diff", diff_path, r.out, r.out_len), "%s: diff differs",
				  c->label);
	free(again);
	again = read_file(copy, &again_len);
	ck_assert_msg(again_len == orig_len && memcmp(again, orig, orig_len) == 0,
				  "%s: --fix --diff changed the file", c->label);
	run_result_free(&r);
	unlink(copy);
	free(orig);
	free(got);
	free(again);
	free(src);
	free(work);
	free(copy);
	free(fixed_path);
	free(after_path);
	free(diff_path);
	free(log_path);
}

START_TEST(golden_case_matches_expected_output)
{
	const struct golden_case *c = &cases[_i];

	if (c->fix)
		run_fix_case(c);
	else if (c->name != NULL)
		run_rule_case(c);
	else
		run_cli_case(c);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("golden");
	TCase *tc = tcase_create("cases");
	SRunner *sr;
	int failed;

	discover(test_env("MIGLINT_TESTDATA"));
	if (n_cases == 0)
	{
		fprintf(stderr, "no golden cases found under %s\n", test_env("MIGLINT_TESTDATA"));
		return 1;
	}
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, golden_case_matches_expected_output, 0, (int) n_cases);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < n_cases; i++)
	{
		free(cases[i].dir);
		free(cases[i].name);
		free(cases[i].label);
	}
	free(cases);
	return failed == 0 ? 0 : 1;
}
