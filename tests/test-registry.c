/* SPDX-License-Identifier: MIT */
/*
 * test-registry.c
 *	  The registry's invariants, in place of a code generator (STYLE.md §8).
 *
 * Names unique, sorted and kebab-case; exactly one check callback; every metadata string
 * present and worded per STYLE.md §7; a bad and a good golden case for every rule; and no
 * golden folder for a rule that does not exist.
 */
#include <check.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "miglint/rule.h"

START_TEST(registry_names_are_unique_sorted_kebab_case)
{
	for (size_t i = 0; i < ml_rules_count; i++)
	{
		const char *n = ml_rules[i]->name;

		ck_assert_msg(n[0] >= 'a' && n[0] <= 'z', "%s: must start with a letter", n);
		for (const char *p = n; *p; p++)
			ck_assert_msg((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-',
						  "%s: not kebab-case", n);
		ck_assert_msg(n[strlen(n) - 1] != '-' && strstr(n, "--") == NULL, "%s: not kebab-case", n);
		if (i > 0)
			ck_assert_msg(strcmp(ml_rules[i - 1]->name, n) < 0, "%s: registry not sorted or duplicate",
						  n);
		ck_assert_ptr_eq(ml_rule_find(n), ml_rules[i]);
	}
	ck_assert_ptr_null(ml_rule_find("no-such-rule"));
}
END_TEST

START_TEST(registry_rules_are_complete)
{
	for (size_t i = 0; i < ml_rules_count; i++)
	{
		const struct ml_rule *r = ml_rules[i];
		int callbacks = (r->check_statement != NULL) + (r->check_file != NULL) +
						(r->check_folder != NULL);
		size_t sl = strlen(r->summary);

		ck_assert_msg(callbacks == 1, "%s: exactly one check callback must be set", r->name);
		ck_assert_msg(sl > 0 && r->summary[sl - 1] != '.', "%s: summary ends with a period", r->name);
		ck_assert_msg(!(r->summary[0] >= 'A' && r->summary[0] <= 'Z') ||
						  (r->summary[1] >= 'A' && r->summary[1] <= 'Z'),
					  "%s: summary must start lowercase unless with a SQL keyword", r->name);
		ck_assert_msg(r->why[strlen(r->why) - 1] == '.', "%s: why must be full sentences", r->name);
		ck_assert_msg(r->fix[strlen(r->fix) - 1] == '.', "%s: fix must be full sentences", r->name);
		ck_assert_msg(strlen(r->bad) > 0 && strlen(r->good) > 0, "%s: examples missing", r->name);
	}
}
END_TEST

/* True when 'dir' holds a case starting with 'prefix': a .sql file or a folder. */
static bool
has_case(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	bool found = false;

	if (d == NULL)
		return false;
	while ((de = readdir(d)) != NULL && !found)
	{
		size_t l = strlen(de->d_name);

		found = strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
				((l > 4 && strcmp(de->d_name + l - 4, ".sql") == 0) || de->d_type == DT_DIR);
	}
	closedir(d);
	return found;
}

START_TEST(registry_every_rule_has_golden_cases)
{
	char *rules = path_join(test_env("MIGLINT_TESTDATA"), "rules");
	DIR *d;
	struct dirent *de;

	for (size_t i = 0; i < ml_rules_count; i++)
	{
		char *dir = path_join(rules, ml_rules[i]->name);

		ck_assert_msg(has_case(dir, "bad-"), "%s: no bad-*.sql case in %s", ml_rules[i]->name, dir);
		ck_assert_msg(has_case(dir, "good-"), "%s: no good-*.sql case in %s", ml_rules[i]->name,
					  dir);
		free(dir);
	}
	d = opendir(rules);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			ck_assert_msg(ml_rule_find(de->d_name) != NULL,
						  "testdata/rules/%s names no registered rule", de->d_name);
	closedir(d);
	free(rules);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("ml_rules");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, registry_names_are_unique_sorted_kebab_case);
	tcase_add_test(tc, registry_rules_are_complete);
	tcase_add_test(tc, registry_every_rule_has_golden_cases);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
