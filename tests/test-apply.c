/* SPDX-License-Identifier: MIT */
/*
 * test-apply.c
 *	  Unit tests for what --apply reads before it connects: drizzle-orm 1.0's created_at of a
 *	  folder name, and the plan of a folder (order, hash, verbatim chunks, refusals).
 *
 * The database side is tested against a real server by pg-apply.sh.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "miglint/apply.h"

static void
put(const char *dir, const char *rel, const char *text)
{
	char *p = path_join(dir, rel);

	ck_assert_msg(write_file(p, text, strlen(text)), "could not write %s", p);
	free(p);
}

static void
mkdir_in(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);

	ck_assert_int_eq(mkdir(p, 0755), 0);
	free(p);
}

START_TEST(name_millis_is_date_utc_of_the_first_14_characters)
{
	long long ms = 0;

	ck_assert(ml_apply_name_millis("20261125083423_init", &ms));
	ck_assert_int_eq(ms, 1795595663000LL);
	/* Date.UTC rolls over: month 13 is January of the next year, 30 February is 2 March. */
	ck_assert(ml_apply_name_millis("20261325000000_x", &ms));
	ck_assert_int_eq(ms, 1800835200000LL);
	ck_assert(ml_apply_name_millis("20260230000000_x", &ms));
	ck_assert_int_eq(ms, 1772409600000LL);
	/* Years 0-99 are 1900-1999, and parseInt reads "0x1F" as hexadecimal. */
	ck_assert(ml_apply_name_millis("00990101000000_x", &ms));
	ck_assert_int_eq(ms, 915148800000LL);
	ck_assert(ml_apply_name_millis("0x1F0101000000_x", &ms));
	ck_assert_int_eq(ms, -1230768000000LL);
	/* parseInt reads a prefix: "4_" is 4. */
	ck_assert(ml_apply_name_millis("2026112508342_x", &ms));
	ck_assert_int_eq(ms, 1795595642000LL);
	/* Where drizzle gets NaN. */
	ck_assert(!ml_apply_name_millis("seed_display_names", &ms));
	ck_assert(!ml_apply_name_millis("2026", &ms));
	ck_assert(!ml_apply_name_millis("", &ms));
}
END_TEST

START_TEST(journal_plan_follows_array_order_and_splits_verbatim)
{
	char *d = make_temp_dir();
	struct ml_apply_plan plan;
	struct ml_error err;

	mkdir_in(d, "meta");
	put(d, "meta/_journal.json",
		"{\"entries\":[{\"idx\":1,\"when\":20,\"tag\":\"0001_b\"},"
		"{\"idx\":0,\"when\":10,\"tag\":\"0000_a\"}]}");
	put(d, "0000_a.sql", "SELECT 1;--> statement-breakpoint\nSELECT 2;--> statement-breakpoint");
	put(d, "0001_b.sql", "");
	ml_error_clear(&err);
	ck_assert_int_eq(ml_apply_plan_read(&plan, d, &err), 0);
	ck_assert(!plan.v1);
	ck_assert_int_eq(plan.n, 2);
	ck_assert_str_eq(plan.migrations[0].name, "0001_b");
	ck_assert_int_eq(plan.migrations[0].created_at, 20);
	/* An empty file is one empty chunk, hashed as sha256 of nothing, as drizzle does. */
	ck_assert_int_eq(plan.migrations[0].n_chunks, 1);
	ck_assert_str_eq(plan.migrations[0].hash,
					 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_str_eq(plan.migrations[1].hash,
					 "f4bdc765c8a05924bbb96a2367b5ec6005eb271ed6a58dc003ac330097316755");
	ck_assert_int_eq(plan.migrations[1].n_chunks, 3);
	ck_assert_int_eq(plan.migrations[1].chunks[1].offset, 33);
	ck_assert_int_eq(plan.migrations[1].chunks[2].len, 0);
	ml_apply_plan_cleanup(&plan);
	remove_tree(d);
	free(d);
}
END_TEST

START_TEST(journal_plan_refuses_a_fractional_when)
{
	char *d = make_temp_dir();
	struct ml_apply_plan plan;
	struct ml_error err;

	mkdir_in(d, "meta");
	put(d, "meta/_journal.json", "{\"entries\":[{\"when\":1.5,\"tag\":\"0000_a\"}]}");
	put(d, "0000_a.sql", "SELECT 1;");
	ml_error_clear(&err);
	ck_assert_int_eq(ml_apply_plan_read(&plan, d, &err), ML_EINPUT);
	ck_assert(strstr(err.message, "has no valid \"when\"") != NULL);
	ml_apply_plan_cleanup(&plan);
	remove_tree(d);
	free(d);
}
END_TEST

START_TEST(v1_plan_orders_folders_by_root_collation)
{
	char *d = make_temp_dir();
	struct ml_apply_plan plan;
	struct ml_error err;

	/* Root collation: "_" before "-" before digits before letters; bytes say otherwise. */
	mkdir_in(d, "20260101000000_a-b");
	mkdir_in(d, "20260101000000_a_b");
	mkdir_in(d, "20260101000000_B");
	mkdir_in(d, "no_migration_here");
	put(d, "20260101000000_a-b/migration.sql", "SELECT 2;");
	put(d, "20260101000000_a_b/migration.sql", "SELECT 1;");
	put(d, "20260101000000_B/migration.sql", "SELECT 3;");
	ml_error_clear(&err);
	ck_assert_int_eq(ml_apply_plan_read(&plan, d, &err), 0);
	ck_assert(plan.v1);
	ck_assert_int_eq(plan.n, 3);
	ck_assert_str_eq(plan.migrations[0].name, "20260101000000_a_b");
	ck_assert_str_eq(plan.migrations[1].name, "20260101000000_a-b");
	ck_assert_str_eq(plan.migrations[2].name, "20260101000000_B");
	ck_assert_int_eq(plan.migrations[2].created_at, 1767225600000LL);
	ml_apply_plan_cleanup(&plan);
	remove_tree(d);
	free(d);
}
END_TEST

START_TEST(plan_refuses_a_nul_byte)
{
	char *d = make_temp_dir();
	char *p = path_join(d, "20260101000000_a/migration.sql");
	struct ml_apply_plan plan;
	struct ml_error err;

	mkdir_in(d, "20260101000000_a");
	ck_assert(write_file(p, "SELECT 1;\0DROP TABLE t;", 23));
	ml_error_clear(&err);
	ck_assert_int_eq(ml_apply_plan_read(&plan, d, &err), ML_EINPUT);
	ck_assert(strstr(err.message, "contains a NUL byte") != NULL);
	ml_apply_plan_cleanup(&plan);
	remove_tree(d);
	free(p);
	free(d);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("apply");
	TCase *names = tcase_create("ml_apply_name_millis");
	TCase *plan = tcase_create("ml_apply_plan_read");
	SRunner *sr;
	int failed;

	tcase_add_test(names, name_millis_is_date_utc_of_the_first_14_characters);
	tcase_add_test(plan, journal_plan_follows_array_order_and_splits_verbatim);
	tcase_add_test(plan, journal_plan_refuses_a_fractional_when);
	tcase_add_test(plan, v1_plan_orders_folders_by_root_collation);
	tcase_add_test(plan, plan_refuses_a_nul_byte);
	suite_add_tcase(s, names);
	suite_add_tcase(s, plan);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
