/* SPDX-License-Identifier: MIT */
/*
 * test-apply.c
 *	  Unit tests for what --apply decides before it sends anything: drizzle-orm 1.0's
 *	  created_at of a folder name, the plan of a folder (order, hash, verbatim chunks,
 *	  refusals), and the judgement of each migration by the migrations table's rows.
 *
 * The database side is tested against a real server by pg-apply.sh.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apply_int.h"
#include "harness.h"
#include "miglint/apply.h"

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
	put_in(d, "meta/_journal.json",
		"{\"entries\":[{\"idx\":1,\"when\":20,\"tag\":\"0001_b\"},"
		"{\"idx\":0,\"when\":10,\"tag\":\"0000_a\"}]}");
	put_in(d, "0000_a.sql", "SELECT 1;--> statement-breakpoint\nSELECT 2;--> statement-breakpoint");
	put_in(d, "0001_b.sql", "");
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
	put_in(d, "meta/_journal.json", "{\"entries\":[{\"when\":1.5,\"tag\":\"0000_a\"}]}");
	put_in(d, "0000_a.sql", "SELECT 1;");
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
	put_in(d, "20260101000000_a-b/migration.sql", "SELECT 2;");
	put_in(d, "20260101000000_a_b/migration.sql", "SELECT 1;");
	put_in(d, "20260101000000_B/migration.sql", "SELECT 3;");
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

/* A plan of 'n' migrations "name:hash:created_at" (the strings are the test's). */
static void
plan_of(struct ml_apply_plan *plan, bool v1, size_t n, const char *const *specs)
{
	memset(plan, 0, sizeof(*plan));
	plan->arena = ml_arena_create();
	plan->v1 = v1;
	plan->n = n;
	plan->migrations = ml_arena_alloc(plan->arena, n * sizeof(struct ml_apply_migration));
	for (size_t i = 0; i < n; i++)
	{
		struct ml_apply_migration *m = &plan->migrations[i];
		char name[64], hash[65];

		memset(m, 0, sizeof(*m));
		ck_assert_int_eq(sscanf(specs[i], "%63[^:]:%64[^:]:%lld", name, hash, &m->created_at), 3);
		m->name = ml_arena_strdup(plan->arena, name);
		strcpy(m->hash, hash);
	}
}

/* The rows "id:hash:created_at:name" ("-" is NULL) of a table; 'has_name' as 1.0's. */
static void
ledger_of(struct ml_ledger *lg, struct ml_arena *arena, bool has_name, size_t n,
		  const char *const *specs)
{
	memset(lg, 0, sizeof(*lg));
	lg->exists = true;
	lg->has_name = has_name;
	lg->qtable = "\"drizzle\".\"__drizzle_migrations\"";
	lg->n_rows = n;
	lg->rows = ml_arena_alloc(arena, (n + 1) * sizeof(struct ml_ledger_row));
	for (size_t i = 0; i < n; i++)
	{
		struct ml_ledger_row *r = &lg->rows[i];
		char hash[65], created[32], name[64];

		memset(r, 0, sizeof(*r));
		ck_assert_int_eq(sscanf(specs[i], "%lld:%64[^:]:%31[^:]:%63s", &r->id, hash, created, name),
						 4);
		r->hash = ml_arena_strdup(arena, hash);
		if (strcmp(created, "-") != 0)
		{
			r->created_text = ml_arena_strdup(arena, created);
			r->created_at = atoll(created);
		}
		if (strcmp(name, "-") != 0)
			r->name = ml_arena_strdup(arena, name);
		r->migration = r->upgrade_pick = r->hash_pick = -1;
	}
}

START_TEST(v0_pending_follows_the_newest_created_at)
{
	static const char *const plan_specs[] = {"a:aa:10", "c:cc:20", "b:bb:30", "d:dd:40"};
	static const char *const rows[] = {"1:aa:10:-", "2:bb:30:-"};
	struct ml_apply_plan plan;
	struct ml_ledger lg;

	plan_of(&plan, false, 4, plan_specs);
	ledger_of(&lg, plan.arena, false, 2, rows);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.state[0], ML_MIG_APPLIED);
	ck_assert_int_eq(lg.state[1], ML_MIG_SKIPPED); /* 20 < 30 and "cc" is not recorded */
	ck_assert_int_eq(lg.state[2], ML_MIG_APPLIED);
	ck_assert_int_eq(lg.state[3], ML_MIG_PENDING);
	ck_assert_int_eq(lg.n_pending, 1);
	ck_assert_int_eq(lg.n_problems, 1);
	ml_apply_plan_cleanup(&plan);
}
END_TEST

START_TEST(v0_a_changed_when_is_applied_when_lowered_and_rerun_when_raised)
{
	static const char *const lowered[] = {"a:aa:10", "b:bb:15"};
	static const char *const raised[] = {"a:aa:10", "b:bb:40"};
	static const char *const rows[] = {"1:aa:10:-", "2:bb:30:-"};
	struct ml_apply_plan plan;
	struct ml_ledger lg;

	plan_of(&plan, false, 2, lowered);
	ledger_of(&lg, plan.arena, false, 2, rows);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.state[1], ML_MIG_APPLIED);
	ck_assert_int_eq(lg.n_problems + lg.n_excusable, 0);
	ml_apply_plan_cleanup(&plan);
	plan_of(&plan, false, 2, raised);
	ledger_of(&lg, plan.arena, false, 2, rows);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.state[1], ML_MIG_RERUN);
	ck_assert_int_eq(lg.n_problems, 1);
	ml_apply_plan_cleanup(&plan);
}
END_TEST

START_TEST(v0_null_created_at_and_modified_file_and_row_of_no_file)
{
	static const char *const plan_specs[] = {"a:aa:10", "b:b2:20"};
	static const char *const rows[] = {"1:aa:10:-", "2:bb:20:-", "3:zz:25:-", "4:aa:-:-"};
	struct ml_apply_plan plan;
	struct ml_ledger lg;

	plan_of(&plan, false, 2, plan_specs);
	ledger_of(&lg, plan.arena, false, 4, rows);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.state[0], ML_MIG_APPLIED);
	ck_assert_int_eq(lg.state[1], ML_MIG_MODIFIED);
	ck_assert_int_eq(lg.n_problems, 1);	 /* the NULL created_at */
	ck_assert_int_eq(lg.n_excusable, 2); /* the modified file, the row of no file */
	ml_apply_plan_cleanup(&plan);
}
END_TEST

START_TEST(v1_pending_by_name_and_reruns_drizzle_would_do)
{
	/* "c_new" is "c_old" renamed; "e" is recorded under "d"'s name (a wrong upgrade). */
	static const char *const plan_specs[] = {"a:aa:1000", "c_new:cc:2000", "d:dd:3000",
											 "e:ee:4000", "f:ff:5000"};
	static const char *const rows[] = {"1:aa:1000:a", "2:cc:2000:c_old", "3:dd:3000:d",
									   "4:ee:4000:d"};
	struct ml_apply_plan plan;
	struct ml_ledger lg;

	plan_of(&plan, true, 5, plan_specs);
	ledger_of(&lg, plan.arena, true, 4, rows);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.state[0], ML_MIG_APPLIED);
	ck_assert_int_eq(lg.state[1], ML_MIG_RERUN);
	ck_assert_int_eq(lg.state[2], ML_MIG_APPLIED);
	ck_assert_int_eq(lg.state[3], ML_MIG_RERUN);
	ck_assert_int_eq(lg.state[4], ML_MIG_PENDING);
	ck_assert_int_eq(lg.n_problems, 2);
	ck_assert_int_eq(lg.n_excusable, 0);
	ml_apply_plan_cleanup(&plan);
}
END_TEST

START_TEST(v1_an_edited_file_does_not_make_its_twin_a_rerun)
{
	/* "a" was applied with hash "hh", then edited; the pending "b" has the same bytes. */
	static const char *const plan_specs[] = {"a:a2:1000", "b:hh:2000"};
	static const char *const rows[] = {"1:hh:1000:a"};
	struct ml_apply_plan plan;
	struct ml_ledger lg;

	plan_of(&plan, true, 2, plan_specs);
	ledger_of(&lg, plan.arena, true, 1, rows);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.state[0], ML_MIG_MODIFIED);
	ck_assert_int_eq(lg.state[1], ML_MIG_PENDING);
	ck_assert_int_eq(lg.n_problems, 0);
	ck_assert_int_eq(lg.n_excusable, 1);
	ml_apply_plan_cleanup(&plan);
}
END_TEST

START_TEST(explain_names_the_repair_of_a_null_created_at)
{
	/* Two unedited custom migrations share their bytes: no single file names the row. */
	static const char *const plan_specs[] = {"a:cc:10", "b:cc:20", "c:dd:30"};
	static const char *const rows[] = {"1:cc:10:-", "2:dd:-:-", "3:cc:-:-"};
	struct ml_apply_plan plan;
	struct ml_ledger lg;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	plan_of(&plan, false, 3, plan_specs);
	ledger_of(&lg, plan.arena, false, 3, rows);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ml_ledger_explain(f, &lg, &plan, "error");
	fclose(f);
	ck_assert_str_eq(
		text,
		"miglint: error: row id 2 of \"drizzle\".\"__drizzle_migrations\" has a NULL created_at\n"
		"miglint: detail: drizzle-orm's migrator takes it for the newest row and runs every "
		"migration again.\n"
		"miglint: hint: Its hash is that of \"c\": UPDATE \"drizzle\".\"__drizzle_migrations\" SET "
		"created_at = 30 WHERE id = 2;\n"
		"miglint: error: row id 3 of \"drizzle\".\"__drizzle_migrations\" has a NULL created_at\n"
		"miglint: detail: drizzle-orm's migrator takes it for the newest row and runs every "
		"migration again.\n"
		"miglint: hint: Several files have its hash: set its created_at to the \"when\" of the one "
		"it records (UPDATE \"drizzle\".\"__drizzle_migrations\" SET created_at = ... WHERE id = "
		"3;).\n");
	free(text);
	ml_apply_plan_cleanup(&plan);
}
END_TEST

START_TEST(v1_upgrade_names_rows_by_second_and_refuses_wrong_names)
{
	/* Rows 2 and 3 were applied within second 2; folder "c" moved to second 3. */
	static const char *const plan_specs[] = {"a:aa:1000", "b:bb:2000", "c:cc:3000", "d:dd:4000"};
	static const char *const trap[] = {"1:aa:1050:-", "2:bb:2100:-", "3:cc:2900:-"};
	static const char *const spaced[] = {"1:aa:1050:-", "2:bb:2100:-", "3:cc:3900:-"};
	static const char *const unknown[] = {"1:aa:1050:-", "2:zz:9100:-"};
	struct ml_apply_plan plan;
	struct ml_ledger lg;

	plan_of(&plan, true, 4, plan_specs);
	ledger_of(&lg, plan.arena, false, 3, trap);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert(lg.needs_upgrade);
	ck_assert_int_eq(lg.rows[2].upgrade_pick, 1); /* drizzle: the only folder of second 2 */
	ck_assert_int_eq(lg.rows[2].hash_pick, 2);
	ck_assert_int_ge(lg.n_problems, 1);
	ledger_of(&lg, plan.arena, false, 3, spaced);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.n_problems + lg.n_excusable, 0);
	ck_assert_int_eq(lg.state[2], ML_MIG_APPLIED);
	ck_assert_int_eq(lg.state[3], ML_MIG_PENDING);
	ledger_of(&lg, plan.arena, false, 2, unknown);
	ml_ledger_judge(&lg, plan.arena, &plan);
	ck_assert_int_eq(lg.rows[1].upgrade_pick, -1); /* drizzle-orm 1.0 throws here */
	ck_assert_int_eq(lg.n_problems, 1);
	ml_apply_plan_cleanup(&plan);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("apply");
	TCase *names = tcase_create("ml_apply_name_millis");
	TCase *plan = tcase_create("ml_apply_plan_read");
	TCase *judge = tcase_create("ml_ledger_judge");
	SRunner *sr;
	int failed;

	tcase_add_test(names, name_millis_is_date_utc_of_the_first_14_characters);
	tcase_add_test(plan, journal_plan_follows_array_order_and_splits_verbatim);
	tcase_add_test(plan, journal_plan_refuses_a_fractional_when);
	tcase_add_test(plan, v1_plan_orders_folders_by_root_collation);
	tcase_add_test(plan, plan_refuses_a_nul_byte);
	tcase_add_test(judge, v0_pending_follows_the_newest_created_at);
	tcase_add_test(judge, v0_a_changed_when_is_applied_when_lowered_and_rerun_when_raised);
	tcase_add_test(judge, v0_null_created_at_and_modified_file_and_row_of_no_file);
	tcase_add_test(judge, v1_pending_by_name_and_reruns_drizzle_would_do);
	tcase_add_test(judge, v1_upgrade_names_rows_by_second_and_refuses_wrong_names);
	tcase_add_test(judge, v1_an_edited_file_does_not_make_its_twin_a_rerun);
	tcase_add_test(judge, explain_names_the_repair_of_a_null_created_at);
	suite_add_tcase(s, judge);
	suite_add_tcase(s, names);
	suite_add_tcase(s, plan);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
