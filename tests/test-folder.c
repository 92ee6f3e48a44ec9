/* SPDX-License-Identifier: MIT */
/*
 * test-folder.c
 *	  Unit tests for the folder classifier and the order of a folder's files.
 *
 * Each test builds its folder in a temporary directory, so the cases are exactly the layouts
 * drizzle-kit 0.x, drizzle-kit 1.0 and plain tools write.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "miglint/folder.h"

START_TEST(classify_dir_recognises_the_three_layouts)
{
	char *d0 = make_temp_dir(), *d1 = make_temp_dir(), *d2 = make_temp_dir();

	mkdir_in(d0, "meta");
	put_in(d0, "meta/_journal.json", "{\"entries\":[]}");
	mkdir_in(d1, "20250101000000_init");
	put_in(d1, "20250101000000_init/migration.sql", "SELECT 1;");
	put_in(d2, "001_init.sql", "SELECT 1;");
	ck_assert_int_eq(ml_folder_classify_dir(d0), ML_FOLDER_DRIZZLE);
	ck_assert_int_eq(ml_folder_classify_dir(d1), ML_FOLDER_DRIZZLE_V1);
	ck_assert_int_eq(ml_folder_classify_dir(d2), ML_FOLDER_PLAIN);
	remove_tree(d0);
	remove_tree(d1);
	remove_tree(d2);
	free(d0);
	free(d1);
	free(d2);
}
END_TEST

START_TEST(drizzle_folder_follows_journal_order_then_unjournaled)
{
	char *d = make_temp_dir();
	struct ml_inputs in;
	struct ml_error err;
	const struct ml_folder *f;

	mkdir_in(d, "meta");
	/* Array order decides, not idx; a tag with "../" is never followed. */
	put_in(d, "meta/_journal.json",
		  "{\"entries\":[{\"idx\":1,\"tag\":\"0001_b\"},{\"idx\":0,\"tag\":\"0000_a\"},"
		  "{\"idx\":2,\"tag\":\"../0002_evil\"}]}");
	put_in(d, "0000_a.sql", "SELECT 1;");
	put_in(d, "0001_b.sql", "SELECT 1;");
	put_in(d, "0003_loose.sql", "SELECT 1;");
	ml_inputs_init(&in);
	ck_assert_int_eq(ml_inputs_add(&in, d, NULL, &err), 0);
	ck_assert_uint_eq(in.n_folders, 1);
	f = in.folders[0];
	ck_assert_int_eq(f->kind, ML_FOLDER_DRIZZLE);
	ck_assert_uint_eq(f->n_files, 3);
	ck_assert(strstr(f->files[0].display, "0001_b.sql") != NULL);
	ck_assert(f->files[0].journaled);
	ck_assert_int_eq(f->files[0].mode, ML_SPLIT_DRIZZLE);
	ck_assert(strstr(f->files[1].display, "0000_a.sql") != NULL);
	ck_assert(strstr(f->files[2].display, "0003_loose.sql") != NULL);
	ck_assert(!f->files[2].journaled);
	ck_assert_int_eq(f->files[2].mode, ML_SPLIT_AUTO);
	ml_inputs_cleanup(&in);
	remove_tree(d);
	free(d);
}
END_TEST

START_TEST(plain_folder_orders_by_numeric_prefix_with_downs_last)
{
	char *d = make_temp_dir();
	struct ml_inputs in;
	struct ml_error err;
	const struct ml_folder *f;

	put_in(d, "10_c.up.sql", "SELECT 1;");
	put_in(d, "9_b.up.sql", "SELECT 1;");
	put_in(d, "9_b.down.sql", "SELECT 1;");
	put_in(d, "notes.txt", "not sql");
	ml_inputs_init(&in);
	ck_assert_int_eq(ml_inputs_add(&in, d, NULL, &err), 0);
	f = in.folders[0];
	ck_assert_int_eq(f->kind, ML_FOLDER_PLAIN);
	ck_assert_uint_eq(f->n_files, 3);
	ck_assert(strstr(f->files[0].display, "9_b.up.sql") != NULL);
	ck_assert(strstr(f->files[1].display, "10_c.up.sql") != NULL);
	ck_assert(strstr(f->files[2].display, "9_b.down.sql") != NULL);
	ck_assert(f->files[2].down);
	ml_inputs_cleanup(&in);
	remove_tree(d);
	free(d);
}
END_TEST

START_TEST(file_in_drizzle_folder_is_linted_with_its_folder)
{
	char *d = make_temp_dir();
	char *file;
	struct ml_inputs in;
	struct ml_error err;
	const struct ml_folder *f;
	size_t selected = 0;

	mkdir_in(d, "meta");
	put_in(d, "meta/_journal.json", "{\"entries\":[{\"tag\":\"0000_a\"},{\"tag\":\"0001_b\"}]}");
	put_in(d, "0000_a.sql", "SELECT 1;");
	put_in(d, "0001_b.sql", "SELECT 1;");
	file = path_join(d, "0001_b.sql");
	ml_inputs_init(&in);
	ck_assert_int_eq(ml_inputs_add(&in, file, NULL, &err), 0);
	f = in.folders[0];
	ck_assert_int_eq(f->kind, ML_FOLDER_DRIZZLE);
	for (size_t i = 0; i < f->n_files; i++)
		if (f->files[i].selected)
		{
			selected++;
			ck_assert_str_eq(f->files[i].display, file);
			ck_assert(f->files[i].journaled);
		}
	ck_assert_uint_eq(selected, 1);
	ml_inputs_cleanup(&in);
	remove_tree(d);
	free(file);
	free(d);
}
END_TEST

START_TEST(numeric_prefix_reads_leading_digits)
{
	unsigned long long v = 0;

	ck_assert(ml_folder_numeric_prefix("0042_x.sql", &v));
	ck_assert_uint_eq(v, 42);
	ck_assert(ml_folder_numeric_prefix("20250101120000_init", &v));
	ck_assert_uint_eq(v, 20250101120000ULL);
	ck_assert(!ml_folder_numeric_prefix("init.sql", &v));
	ck_assert(!ml_folder_numeric_prefix("99999999999999999999999_x.sql", &v));
}
END_TEST

START_TEST(name_compare_follows_root_collation)
{
	/* drizzle-orm 1.0's localeCompare order (drizzle-v1-semantics.md): _ < - < digits < letters,
	 * case-blind first, a < A on a tie; byte order says otherwise in each pair. */
	ck_assert_int_lt(ml_folder_name_compare("20260101000000_v_2", "20260101000000_v2x"), 0);
	ck_assert_int_lt(ml_folder_name_compare("20260101000000_a_b", "20260101000000_a-b"), 0);
	ck_assert_int_lt(ml_folder_name_compare("20260101000000_a", "20260101000000_B"), 0);
	ck_assert_int_lt(ml_folder_name_compare("20260101000000_a", "20260101000000_A"), 0);
	ck_assert_int_lt(ml_folder_name_compare("20260101000000_x", "20260101000001_a"), 0);
	ck_assert_int_lt(ml_folder_name_compare("20260101000000_z", "seed_users"), 0);
	ck_assert_int_eq(ml_folder_name_compare("20260101000000_a", "20260101000000_a"), 0);
}
END_TEST

START_TEST(path_inside_resolves_links_and_compares_whole_components)
{
	char *d = make_temp_dir();
	char real[4096], *root, *sibling, *inside, *link_out, *link_in;

	ck_assert_ptr_nonnull(realpath(d, real));
	root = path_join(real, "a");
	sibling = path_join(real, "ab");
	mkdir_in(real, "a");
	mkdir_in(real, "ab");
	put_in(real, "a/in.sql", "SELECT 1;");
	put_in(real, "ab/out.sql", "SELECT 1;");
	inside = path_join(real, "a/in.sql");
	link_out = path_join(real, "a/out.sql");
	link_in = path_join(real, "a/also-in.sql");
	ck_assert_int_eq(symlink("../ab/out.sql", link_out), 0);
	ck_assert_int_eq(symlink("in.sql", link_in), 0);
	ck_assert(ml_folder_path_inside(root, inside));
	ck_assert(ml_folder_path_inside(root, link_in));
	ck_assert(!ml_folder_path_inside(root, link_out)); /* "/x/ab" is not inside "/x/a" */
	ck_assert(ml_folder_path_inside(root, root));
	ck_assert(ml_folder_path_inside("/", inside));
	ck_assert(!ml_folder_path_inside(sibling, inside));
	/* Nothing to resolve: opening the file reports the real problem. */
	ck_assert(ml_folder_path_inside(root, "/nonexistent/x.sql"));
	ck_assert(ml_folder_path_inside("relative/root", inside));
	remove_tree(d);
	free(d);
	free(root);
	free(sibling);
	free(inside);
	free(link_out);
	free(link_in);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("folder");
	TCase *cl = tcase_create("ml_folder_classify_dir");
	TCase *add = tcase_create("ml_inputs_add");
	TCase *num = tcase_create("ml_folder_numeric_prefix");
	SRunner *sr;
	int failed;

	tcase_add_test(cl, classify_dir_recognises_the_three_layouts);
	tcase_add_test(add, drizzle_folder_follows_journal_order_then_unjournaled);
	tcase_add_test(add, plain_folder_orders_by_numeric_prefix_with_downs_last);
	tcase_add_test(add, file_in_drizzle_folder_is_linted_with_its_folder);
	tcase_add_test(num, numeric_prefix_reads_leading_digits);
	tcase_add_test(num, name_compare_follows_root_collation);
	tcase_add_test(num, path_inside_resolves_links_and_compares_whole_components);
	suite_add_tcase(s, cl);
	suite_add_tcase(s, add);
	suite_add_tcase(s, num);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
