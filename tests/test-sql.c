/* SPDX-License-Identifier: MIT */
/*
 * test-sql.c
 *	  Unit tests for the breakpoint splitter, the psql blanking, the scanner and the parse
 *	  fallback.
 */
#include <check.h>
#include <dirent.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"
#include "miglint/sql.h"

START_TEST(split_breakpoint_keeps_byte_offsets)
{
	struct ml_arena *a = ml_arena_create();
	const char *t = "CREATE TABLE a (x int);\n--> statement-breakpoint\nCREATE INDEX i ON a (x);";
	struct ml_chunk *c;
	size_t n = ml_split_breakpoints(&c, a, t, strlen(t));

	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(c[0].offset, 0);
	ck_assert_uint_eq(c[0].len, 24);
	ck_assert_uint_eq(c[1].offset, 48);
	ck_assert(strncmp(t + c[1].offset, "\nCREATE INDEX", 13) == 0);
	ck_assert_uint_eq(c[1].offset + c[1].len, strlen(t));
	ml_arena_destroy(a);
}
END_TEST

START_TEST(split_breakpoint_matches_javascript_split)
{
	struct ml_arena *a = ml_arena_create();
	struct ml_chunk *c;
	/* JS: "--> statement-breakpoint".split(m) -> ["", ""]; a trailing marker leaves "". */
	const char *only = "--> statement-breakpoint";
	const char *trailing = "SELECT 1;--> statement-breakpoint";
	const char *inside = "SELECT '--> statement-breakpoint';";
	const char *none = "SELECT 1;";

	ck_assert_uint_eq(ml_split_breakpoints(&c, a, only, strlen(only)), 2);
	ck_assert_uint_eq(c[0].len, 0);
	ck_assert_uint_eq(c[1].len, 0);
	ck_assert_uint_eq(ml_split_breakpoints(&c, a, trailing, strlen(trailing)), 2);
	ck_assert_uint_eq(c[1].offset, strlen(trailing));
	ck_assert_uint_eq(c[1].len, 0);
	/* The marker inside a string literal splits too: drizzle-orm does not lex. */
	ck_assert_uint_eq(ml_split_breakpoints(&c, a, inside, strlen(inside)), 2);
	ck_assert_uint_eq(ml_split_breakpoints(&c, a, none, strlen(none)), 1);
	ck_assert_uint_eq(c[0].len, strlen(none));
	ck_assert(!ml_has_breakpoint(none, strlen(none)));
	ck_assert(ml_has_breakpoint(inside, strlen(inside)));
	ml_arena_destroy(a);
}
END_TEST

START_TEST(psql_blank_skips_meta_commands_and_copy_data)
{
	struct ml_arena *a = ml_arena_create();
	char t[] = "\\set x 1\nSELECT '\\not meta';\nCOPY t FROM stdin;\n1\t'a\n\\.\nSELECT 2; \\gset\n";
	struct ml_skip *sk;
	size_t n = ml_psql_blank(&sk, a, t, strlen(t), 100, NULL, NULL);

	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(sk[0].start, 100);
	ck_assert_uint_eq(sk[0].end, 108);
	ck_assert(sk[1].copy_data);
	ck_assert(strncmp(t, "        \nSELECT '\\not meta';", 28) == 0);
	ck_assert(strstr(t, "'a") == NULL);		  /* the data line is blanked */
	ck_assert(strstr(t, "SELECT 2;") != NULL); /* SQL after the data is kept */
	ck_assert(strstr(t, "gset") == NULL);
	ml_arena_destroy(a);
}
END_TEST

/* Parses 'text' in 'mode' and returns the file (arena-owned). */
static struct ml_file *
parse(struct ml_arena *a, const char *text, enum ml_split_mode mode)
{
	struct ml_source *src = NULL;
	struct ml_error err;
	struct ml_file *f = ml_arena_alloc(a, sizeof(*f));

	ck_assert_int_eq(ml_source_from_bytes(&src, a, text, strlen(text), "t.sql", &err), 0);
	ml_file_parse(f, a, src, mode);
	return f;
}

START_TEST(parse_falls_back_to_statements_after_a_syntax_error)
{
	struct ml_arena *a = ml_arena_create();
	const char *t = "-- lead\nCREATE TABLE a (x int);\nSELEC 1;\nCREATE INDEX i ON a (x);\n";
	struct ml_file *f = parse(a, t, ML_SPLIT_PLAIN);

	ck_assert_uint_eq(f->n_stmts, 3);
	ck_assert_ptr_nonnull(f->stmts[0].node);
	ck_assert_uint_eq(f->stmts[0].start, 8); /* after the leading comment */
	ck_assert_ptr_null(f->stmts[1].node);
	ck_assert_str_eq(f->stmts[1].error_message, "syntax error at or near \"SELEC\"");
	ck_assert_uint_eq(f->stmts[1].error_offset, 32);
	ck_assert_ptr_nonnull(f->stmts[2].node);
	ck_assert_int_eq(f->stmts[2].node->node_case, PG_QUERY__NODE__NODE_INDEX_STMT);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(parse_error_position_counts_bytes_after_multibyte_text)
{
	struct ml_arena *a = ml_arena_create();
	/* PostgreSQL reports a character position; the file offset is in bytes. */
	const char *t = "SELECT 1;--> statement-breakpoint\nSELECT 'ééé' TABL x;";
	struct ml_file *f = parse(a, t, ML_SPLIT_DRIZZLE);

	ck_assert_uint_eq(f->n_chunks, 2);
	ck_assert_uint_eq(f->n_stmts, 2);
	ck_assert_ptr_null(f->stmts[1].node);
	ck_assert_uint_eq(f->stmts[1].error_offset, strlen(t) - 2); /* at "x" */
	ml_arena_destroy(a);
}
END_TEST

START_TEST(parse_auto_mode_splits_only_at_a_breakpoint_marker)
{
	struct ml_arena *a = ml_arena_create();
	struct ml_file *marked =
		parse(a, "SELECT 1;\n--> statement-breakpoint\nSELECT 2;", ML_SPLIT_AUTO);
	struct ml_file *plain = parse(a, "SELECT 1;\nSELECT 2;", ML_SPLIT_AUTO);

	ck_assert_int_eq(marked->mode, ML_SPLIT_DRIZZLE);
	ck_assert_uint_eq(marked->n_chunks, 2);
	ck_assert_int_eq(plain->mode, ML_SPLIT_PLAIN);
	ck_assert_uint_eq(plain->n_chunks, 1);
	ck_assert_uint_eq(plain->n_stmts, 2);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(parse_unterminated_string_is_one_error)
{
	struct ml_arena *a = ml_arena_create();
	const char *t = "SELECT 1;\nSELECT 'oops;\n";
	struct ml_file *f = parse(a, t, ML_SPLIT_PLAIN);

	ck_assert_uint_eq(f->n_stmts, 1);
	ck_assert_ptr_null(f->stmts[0].node);
	ck_assert_str_eq(f->stmts[0].error_message, "unterminated quoted string at or near \"'oops;\n\"");
	ml_arena_destroy(a);
}
END_TEST

/*
 * ml_scan reads libpg_query's packed scan result itself: every token must match what
 * protobuf-c's own unpack gives, negative and absent (zero) fields and keywords included.
 */
START_TEST(scan_matches_protobuf_unpack)
{
	static const char *const texts[] = {
		"SELECT 1",
		"CREATE TABLE \"t\" (id int PRIMARY KEY NOT NULL); -- note\n/* block */ DROP TABLE t;",
		"SELECT $1, 'it''s', E'\\n', U&'\\0041', B'101', X'ff', 1.5e10, -2 FROM \"Ünïcode\"",
		"",
		"   -- only a comment",
		"DO $body$ BEGIN PERFORM 1; END $body$; ALTER TYPE e ADD VALUE 'x' BEFORE 'y';",
	};

	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
	{
		struct ml_arena *a = ml_arena_create();
		PgQueryScanResult s = pg_query_scan(texts[k]);
		PgQuery__ScanResult *want;
		struct ml_token *toks;
		size_t n;

		ck_assert_ptr_null(s.error);
		want = pg_query__scan_result__unpack(NULL, s.pbuf.len, (const uint8_t *) s.pbuf.data);
		ck_assert_ptr_nonnull(want);
		ck_assert(ml_scan(&toks, &n, a, texts[k], 7, NULL));
		ck_assert_uint_eq(n, want->n_tokens);
		for (size_t i = 0; i < n; i++)
		{
			ck_assert_uint_eq(toks[i].start, (uint32_t) want->tokens[i]->start + 7);
			ck_assert_uint_eq(toks[i].end, (uint32_t) want->tokens[i]->end + 7);
			ck_assert_int_eq(toks[i].token, want->tokens[i]->token);
			ck_assert_int_eq(toks[i].keyword, want->tokens[i]->keyword_kind);
		}
		pg_query__scan_result__free_unpacked(want, NULL);
		pg_query_free_scan_result(s);
		ml_arena_destroy(a);
	}
}
END_TEST

/* A scanner error (an unterminated string) is an error with its position, not tokens. */
START_TEST(scan_error_reports_position)
{
	struct ml_arena *a = ml_arena_create();
	struct ml_token *toks;
	size_t n = 99, off = 0;

	ck_assert(!ml_scan(&toks, &n, a, "SELECT 'abc", 0, &off));
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(off, 7);
	ml_arena_destroy(a);
}
END_TEST

/*
 * Lexes 'text' through ml_psql_blank; when it kept its tokens, they must be exactly what
 * lexing the blanked text again gives. Returns whether they were kept.
 */
static bool
psql_tokens_match_fresh_scan(const char *text)
{
	struct ml_arena *a = ml_arena_create();
	size_t len = strlen(text), n = 0, n_fresh = 0;
	char *buf = ml_arena_strndup(a, text, len);
	struct ml_token *toks, *fresh;
	struct ml_skip *sk;
	bool kept;

	ml_psql_blank(&sk, a, buf, len, 0, &toks, &n);
	kept = toks != NULL;
	if (kept)
	{
		ck_assert(ml_scan(&fresh, &n_fresh, a, buf, 0, NULL));
		ck_assert_uint_eq(n, n_fresh);
		for (size_t i = 0; i < n; i++)
		{
			ck_assert_uint_eq(toks[i].start, fresh[i].start);
			ck_assert_uint_eq(toks[i].end, fresh[i].end);
			ck_assert_int_eq(toks[i].token, fresh[i].token);
			ck_assert_int_eq(toks[i].keyword, fresh[i].keyword);
		}
	}
	ml_arena_destroy(a);
	return kept;
}

/* The psql pass hands its tokens on only when lexing the blanked text again would agree. */
START_TEST(psql_blank_keeps_tokens_only_when_a_rescan_agrees)
{
	/* Kept: meta-commands, COPY data, \copy data, a backslash inside a dollar quote. */
	ck_assert(psql_tokens_match_fresh_scan("SELECT 1;\n\\set x 1\nSELECT 2;\n"));
	ck_assert(psql_tokens_match_fresh_scan(
		"COPY t FROM stdin; -- data follows\n1\tO'Brien\n\\.\nSELECT 'x';\n"));
	ck_assert(psql_tokens_match_fresh_scan("\\copy t from stdin\n1\n\\.\nSELECT 1;"));
	ck_assert(psql_tokens_match_fresh_scan("SELECT 1 \\gset\nSELECT :x;"));
	ck_assert(psql_tokens_match_fresh_scan("SELECT $$a\n\\b$$;\ncopy t to stdout;\n"));
	ck_assert(psql_tokens_match_fresh_scan("\\set a '1'\n\\set b 2\nSELECT :a;"));
	/* libpg_query's scanner returns a comment as a token: it ends a string's continuation. */
	ck_assert(psql_tokens_match_fresh_scan("SELECT 'a' -- note\n\\echo hi\n'b';\n"));
	/* Not kept: a blanked line between two strings makes them one ('a' newline 'b'). */
	ck_assert(!psql_tokens_match_fresh_scan("SELECT 'a'\n\\echo hi\n'b';\n"));
	/* Not kept: the lexer stopped on an error; a token ran on into COPY data. */
	ck_assert(!psql_tokens_match_fresh_scan("\\set x 1\nSELECT 'unterminated\n"));
	ck_assert(!psql_tokens_match_fresh_scan("COPY t FROM stdin; /* open\n1\n\\.\n"));
}
END_TEST

/* The same over PostgreSQL's regression SQL, when ../shared is there (a developer checkout). */
START_TEST(psql_blank_tokens_agree_on_pg_regress)
{
	const char *shared = getenv("MIGLINT_SHARED");
	char dir[4096];
	struct dirent **names;
	int count;
	size_t kept = 0;

	snprintf(dir, sizeof(dir), "%s/corpora/pg-regress/sql", shared ? shared : "");
	count = shared != NULL ? scandir(dir, &names, NULL, alphasort) : -1;
	if (count < 0)
	{
		printf("psql token check over pg-regress skipped: %s not found\n", dir);
		return;
	}
	for (int i = 0; i < count; i++)
	{
		char path[8192];
		FILE *f;
		char *text;
		long len;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		free(names[i]);
		if (strstr(path, ".sql") == NULL || (f = fopen(path, "rb")) == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		text = calloc((size_t) len + 1, 1);
		ck_assert_ptr_nonnull(text);
		ck_assert_uint_eq(fread(text, 1, (size_t) len, f), (size_t) len);
		fclose(f);
		kept += psql_tokens_match_fresh_scan(text);
		free(text);
	}
	free(names);
	printf("psql token check over pg-regress: %zu files kept their tokens\n", kept);
	ck_assert_uint_gt(kept, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sql");
	TCase *split = tcase_create("ml_split_breakpoints");
	TCase *psql = tcase_create("ml_psql_blank");
	TCase *prs = tcase_create("ml_file_parse");
	TCase *scan = tcase_create("ml_scan");
	SRunner *sr;
	int failed;

	tcase_add_test(split, split_breakpoint_keeps_byte_offsets);
	tcase_add_test(split, split_breakpoint_matches_javascript_split);
	tcase_add_test(psql, psql_blank_skips_meta_commands_and_copy_data);
	tcase_add_test(psql, psql_blank_keeps_tokens_only_when_a_rescan_agrees);
	tcase_add_test(psql, psql_blank_tokens_agree_on_pg_regress);
	tcase_set_timeout(psql, 120);
	tcase_add_test(prs, parse_falls_back_to_statements_after_a_syntax_error);
	tcase_add_test(prs, parse_error_position_counts_bytes_after_multibyte_text);
	tcase_add_test(prs, parse_unterminated_string_is_one_error);
	tcase_add_test(prs, parse_auto_mode_splits_only_at_a_breakpoint_marker);
	suite_add_tcase(s, split);
	suite_add_tcase(s, psql);
	suite_add_tcase(s, prs);
	tcase_add_test(scan, scan_matches_protobuf_unpack);
	tcase_add_test(scan, scan_error_reports_position);
	suite_add_tcase(s, scan);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
