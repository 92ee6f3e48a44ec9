/* SPDX-License-Identifier: MIT */
/*
 * test-cli.c
 *	  Bad inputs that cannot live in git: made at run time, each asserting the exact message
 *	  and exit status a user sees.
 *
 * An unreadable file (as root, the read is made as user "nobody", since root reads
 * anything), a 100 MB file, a symlink loop, a migration that is a symlink out of its folder,
 * a file gone between listing and reading, a 30 MB snapshot, a 10,000-entry journal, a
 * file named twice, and --apply / --status when libpq cannot be loaded.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

static char *tmp;

static void
setup(void)
{
	tmp = make_temp_dir();
	chmod(tmp, 0755);
}

static void
teardown(void)
{
	remove_tree(tmp);
	free(tmp);
}

START_TEST(cli_unreadable_file_is_named_with_exit_2)
{
	const char *argv[] = {"locked.sql", NULL};
	struct run_result r;
	char *p;

	put_in(tmp, "locked.sql", "SELECT 1;");
	p = path_join(tmp, "locked.sql");
	ck_assert_int_eq(chmod(p, 0000), 0);
	run_miglint(&r, tmp, argv, NULL, 0, geteuid() == 0 ? 65534 : -1);
	ck_assert_str_eq(r.err,
					 "miglint: error: could not open file \"locked.sql\": Permission denied\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(p);
}
END_TEST

START_TEST(cli_100mb_file_is_refused_with_exit_2)
{
	const char *argv[] = {"huge.sql", NULL};
	struct run_result r;
	char *p = path_join(tmp, "huge.sql");
	int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 100 * 1024 * 1024), 0);
	close(fd);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err, "miglint: error: file \"huge.sql\" is too large: 104857600 bytes, the "
							"limit is 33554432\n");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(p);
}
END_TEST

START_TEST(cli_50mb_stdin_is_refused_with_exit_2)
{
	const char *argv[] = {"-", NULL};
	size_t len = 50 * 1024 * 1024;
	char *big = malloc(len);
	struct run_result r;

	memset(big, ' ', len);
	run_miglint(&r, tmp, argv, big, len, -1);
	ck_assert_str_eq(r.err, "miglint: error: file \"<stdin>\" is too large: over 33554432 bytes\n");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(big);
}
END_TEST

START_TEST(cli_symlink_loop_is_named_with_exit_2)
{
	const char *argv[] = {"loop.sql", NULL};
	struct run_result r;
	char *a = path_join(tmp, "loop.sql"), *b = path_join(tmp, "other.sql");

	ck_assert_int_eq(symlink("other.sql", a), 0);
	ck_assert_int_eq(symlink("loop.sql", b), 0);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err,
					 "miglint: error: could not open \"loop.sql\": Too many levels of symbolic links\n");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(a);
	free(b);
}
END_TEST

START_TEST(cli_symlink_loop_inside_a_folder_does_not_stop_the_others)
{
	const char *argv[] = {"--no-color", ".", NULL};
	struct run_result r;
	char *a = path_join(tmp, "2_loop.sql"), *b = path_join(tmp, "3_other.sql");

	put_in(tmp, "1_ok.sql", "DROP TABLE t;\n");
	ck_assert_int_eq(symlink("3_other.sql", a), 0);
	ck_assert_int_eq(symlink("2_loop.sql", b), 0);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err,
					 "miglint: error: could not open file \"2_loop.sql\": Too many levels of symbolic links\n"
					 "miglint: error: could not open file \"3_other.sql\": Too many levels of symbolic links\n");
	ck_assert_msg(strstr(r.out, "1_ok.sql:1:1: warning: DROP TABLE \"t\" is not idempotent") != NULL,
				  "the readable file is still linted:\n%s", r.out);
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(a);
	free(b);
}
END_TEST

START_TEST(cli_file_named_twice_in_its_drizzle_folder_is_linted_once)
{
	const char *argv[] = {"--no-color", "d/0000_a.sql", "d", NULL};
	struct run_result r;
	char *d = path_join(tmp, "d"), *meta = path_join(tmp, "d/meta");

	ck_assert_int_eq(mkdir(d, 0755), 0);
	ck_assert_int_eq(mkdir(meta, 0755), 0);
	put_in(tmp, "d/meta/_journal.json", "{\"dialect\":\"postgresql\",\"entries\":[{\"idx\":0,"
								"\"when\":1700000000000,\"tag\":\"0000_a\",\"breakpoints\":true}]}");
	put_in(tmp, "d/meta/0000_snapshot.json", "{\"id\":\"a\",\"prevId\":\"00000000-0000-0000-0000-"
									 "000000000000\",\"version\":\"7\",\"dialect\":\"postgresql\"}");
	put_in(tmp, "d/0000_a.sql", "CREATE TABLE t (id int);");
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err, "");
	ck_assert_msg(strstr(r.out, "1 warning in 1 file (1 file, 1 statement checked)") != NULL, "%s",
				  r.out);
	ck_assert_int_eq(r.status, 1);
	run_result_free(&r);
	free(d);
	free(meta);
}
END_TEST

START_TEST(cli_journal_with_10000_entries_lints_cleanly)
{
	const char *argv[] = {"--no-color", "big", NULL};
	struct run_result r;
	char *dir = path_join(tmp, "big"), *meta = path_join(tmp, "big/meta");
	size_t cap = 10000 * 128 + 64, len = 0;
	char *journal = malloc(cap);
	char name[64], text[256];

	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(mkdir(meta, 0755), 0);
	len += (size_t) snprintf(journal + len, cap - len, "{\"dialect\":\"postgresql\",\"entries\":[");
	for (int i = 0; i < 10000; i++)
	{
		len += (size_t) snprintf(journal + len, cap - len,
								 "%s{\"idx\":%d,\"when\":%lld,\"tag\":\"%04d_m\",\"breakpoints\":true}",
								 i ? "," : "", i, 1700000000000LL + i, i);
		snprintf(name, sizeof(name), "big/%04d_m.sql", i);
		snprintf(text, sizeof(text), "CREATE TABLE IF NOT EXISTS \"t%d\" (\"id\" int);", i);
		put_in(tmp, name, text);
		snprintf(name, sizeof(name), "big/meta/%04d_snapshot.json", i);
		snprintf(text, sizeof(text),
				 "{\"id\":\"s%d\",\"prevId\":\"%s%d\",\"version\":\"7\",\"dialect\":\"postgresql\"}", i,
				 i ? "s" : "00000000-0000-0000-0000-000000000000", i ? i - 1 : 0);
		if (i == 0)
			snprintf(text, sizeof(text), "{\"id\":\"s0\",\"prevId\":\"00000000-0000-0000-0000-"
										 "000000000000\",\"version\":\"7\",\"dialect\":\"postgresql\"}");
		put_in(tmp, name, text);
	}
	len += (size_t) snprintf(journal + len, cap - len, "]}");
	put_in(tmp, "big/meta/_journal.json", journal);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 0);
	run_result_free(&r);
	free(journal);
	free(dir);
	free(meta);
}
END_TEST

START_TEST(cli_symlink_out_of_the_folder_is_not_read)
{
	const char *argv[] = {"--no-color", "d", NULL};
	struct run_result r;
	char *d = path_join(tmp, "d"), *link = path_join(tmp, "d/002_secret.sql");

	ck_assert_int_eq(mkdir(d, 0755), 0);
	put_in(tmp, "secret.sql", "SELECT 'not for miglint';\n");
	put_in(tmp, "d/001_ok.sql", "SELECT 1;\n");
	ck_assert_int_eq(symlink("../secret.sql", link), 0);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err,
					 "miglint: error: file \"d/002_secret.sql\" lies outside the folder, through a "
					 "symbolic link\n"
					 "miglint: detail: Only files inside the folder given are read.\n"
					 "miglint: hint: Copy the migration into the folder instead of linking to it.\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(d);
	free(link);
}
END_TEST

START_TEST(cli_status_does_not_read_a_migration_outside_the_folder)
{
	const char *argv[] = {"--no-color", "--status", "--database-url",
						  "postgresql://nobody@127.0.0.1:1/never", "d", NULL};
	struct run_result r;
	char *d = path_join(tmp, "d"), *meta = path_join(tmp, "d/meta"),
		 *link = path_join(tmp, "d/0000_a.sql");

	ck_assert_int_eq(mkdir(d, 0755), 0);
	ck_assert_int_eq(mkdir(meta, 0755), 0);
	put_in(tmp, "d/meta/_journal.json", "{\"dialect\":\"postgresql\",\"entries\":[{\"idx\":0,"
								"\"when\":1700000000000,\"tag\":\"0000_a\",\"breakpoints\":true}]}");
	put_in(tmp, "secret.sql", "SELECT 1;\n");
	ck_assert_int_eq(symlink("../secret.sql", link), 0);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	/* Refused before connecting: the URL names no server. */
	ck_assert_str_eq(r.err,
					 "miglint: error: file \"d/0000_a.sql\" lies outside the folder, through a "
					 "symbolic link\n"
					 "miglint: detail: Only files inside the folder given are read.\n"
					 "miglint: hint: Copy the migration into the folder instead of linking to it.\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(d);
	free(meta);
	free(link);
}
END_TEST

/* A Drizzle folder "d" with one migration, for the runs that load libpq. */
static void
put_drizzle_folder(void)
{
	mkdir_in(tmp, "d");
	mkdir_in(tmp, "d/meta");
	put_in(tmp, "d/meta/_journal.json", "{\"dialect\":\"postgresql\",\"entries\":[{\"idx\":0,"
								"\"when\":1700000000000,\"tag\":\"0000_a\",\"breakpoints\":true}]}");
	put_in(tmp, "d/meta/0000_snapshot.json",
		   "{\"id\":\"6f1d8a1c-7c84-4a4e-9d53-0a3f2f1e5b11\",\"prevId\":"
		   "\"00000000-0000-0000-0000-000000000000\",\"version\":\"7\",\"dialect\":"
		   "\"postgresql\",\"tables\":{}}");
	put_in(tmp, "d/0000_a.sql", "SELECT 1;\n");
}

START_TEST(cli_apply_without_libpq_names_it_with_exit_2)
{
	const char *argv[] = {"--no-color", "--apply", "--database-url",
						  "postgresql://nobody@127.0.0.1:1/never", "d", NULL};
	struct run_result r;

	put_drizzle_folder();
	setenv("MIGLINT_LIBPQ", "/nonexistent/libpq.so.5", 1);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	unsetenv("MIGLINT_LIBPQ");
	ck_assert_str_eq(r.err, "miglint: error: could not load libpq: /nonexistent/libpq.so.5: "
							"cannot open shared object file: No such file or directory\n"
							"miglint: hint: Install libpq (Debian: apt-get install libpq5).\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
}
END_TEST

START_TEST(cli_status_with_a_library_that_is_not_libpq_names_it_with_exit_2)
{
	const char *argv[] = {"--no-color", "--status", "--database-url",
						  "postgresql://nobody@127.0.0.1:1/never", "d", NULL};
	struct run_result r;

	put_drizzle_folder();
	setenv("MIGLINT_LIBPQ", "libcjson.so.1", 1);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	unsetenv("MIGLINT_LIBPQ");
	ck_assert_str_eq(r.err,
					 "miglint: error: could not load libpq: \"libcjson.so.1\" has no PQconnectdbParams\n"
					 "miglint: hint: Install libpq 10 or later.\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
}
END_TEST

START_TEST(cli_dangling_link_as_a_file_gone_after_listing_is_named)
{
	const char *argv[] = {"--no-color", ".", NULL};
	struct run_result r;
	char *gone = path_join(tmp, "2_gone.sql");

	/* A dangling link is listed like a file, and opening it fails as for a deleted one. */
	put_in(tmp, "1_ok.sql", "SELECT 1;\n");
	ck_assert_int_eq(symlink("deleted-meanwhile.sql", gone), 0);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err, "miglint: error: could not open file \"2_gone.sql\": No such file or "
							"directory\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 2);
	run_result_free(&r);
	free(gone);
}
END_TEST

START_TEST(cli_30mb_snapshot_is_read)
{
	const char *argv[] = {"--no-color", "d", NULL};
	struct run_result r;
	char *d = path_join(tmp, "d"), *meta = path_join(tmp, "d/meta");
	size_t pad = 30 * 1024 * 1024, len;
	char *snap = malloc(pad + 512);

	ck_assert_int_eq(mkdir(d, 0755), 0);
	ck_assert_int_eq(mkdir(meta, 0755), 0);
	put_in(tmp, "d/meta/_journal.json", "{\"dialect\":\"postgresql\",\"entries\":[{\"idx\":0,"
								"\"when\":1700000000000,\"tag\":\"0000_a\",\"breakpoints\":true}]}");
	put_in(tmp, "d/0000_a.sql", "CREATE TABLE IF NOT EXISTS \"t\" (\"id\" int);");
	len = (size_t) sprintf(snap, "{\"id\":\"a\",\"prevId\":\"00000000-0000-0000-0000-000000000000\","
								 "\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":{},"
								 "\"enums\":{},\"schemas\":{},\"_meta\":{\"note\":\"");
	memset(snap + len, 'x', pad);
	strcpy(snap + len + pad, "\"}}");
	put_in(tmp, "d/meta/0000_snapshot.json", snap);
	run_miglint(&r, tmp, argv, NULL, 0, -1);
	ck_assert_str_eq(r.err, "");
	/* Read whole: the table the migration creates is not in it. */
	ck_assert_str_eq(r.out,
					 "d/meta/0000_snapshot.json:1:96: warning: table \"public\".\"t\" created at d/0000_a.sql:1:1 is not in the snapshot [snapshot-drift]\n"
					 "    1 | ...0\",\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":{},\"enums\":{},\"schemas\":{},\"_meta\":{\"note\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\n"
					 "      |                                            ^~~~~~~~~~~\n"
					 "  DETAIL: drizzle-kit does not know the table: if the schema in code declares it, the next generate writes CREATE TABLE again, which fails.\n"
					 "  HINT: Declare the table in the Drizzle schema and regenerate, or drop it in a migration if it is not wanted.\n"
					 "\n"
					 "1 warning in 1 file (1 file, 1 statement checked)\n");
	ck_assert_int_eq(r.status, 1);
	run_result_free(&r);
	free(snap);
	free(d);
	free(meta);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("bad_inputs");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cli_unreadable_file_is_named_with_exit_2);
	tcase_add_test(tc, cli_100mb_file_is_refused_with_exit_2);
	tcase_add_test(tc, cli_50mb_stdin_is_refused_with_exit_2);
	tcase_add_test(tc, cli_symlink_loop_is_named_with_exit_2);
	tcase_add_test(tc, cli_symlink_loop_inside_a_folder_does_not_stop_the_others);
	tcase_add_test(tc, cli_file_named_twice_in_its_drizzle_folder_is_linted_once);
	tcase_add_test(tc, cli_journal_with_10000_entries_lints_cleanly);
	tcase_add_test(tc, cli_symlink_out_of_the_folder_is_not_read);
	tcase_add_test(tc, cli_status_does_not_read_a_migration_outside_the_folder);
	tcase_add_test(tc, cli_dangling_link_as_a_file_gone_after_listing_is_named);
	tcase_add_test(tc, cli_apply_without_libpq_names_it_with_exit_2);
	tcase_add_test(tc, cli_status_with_a_library_that_is_not_libpq_names_it_with_exit_2);
	tcase_add_test(tc, cli_30mb_snapshot_is_read);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
