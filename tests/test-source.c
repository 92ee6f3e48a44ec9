/* SPDX-License-Identifier: MIT */
/*
 * test-source.c
 *	  Unit tests for the line table and the input checks (src/sql/source.c, src/util/utf8.c).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/source.h"
#include "miglint/utf8.h"

static struct ml_source *
src_of(struct ml_arena *arena, const char *text, size_t len)
{
	struct ml_source *src = NULL;
	struct ml_error err;

	ck_assert_int_eq(ml_source_from_bytes(&src, arena, text, len, "t.sql", &err), 0);
	return src;
}

static void
assert_pos(const struct ml_source *src, size_t off, unsigned line, unsigned col)
{
	unsigned l, c;

	ml_source_line_col(src, off, &l, &c);
	ck_assert_msg(l == line && c == col, "offset %zu: got %u:%u, expected %u:%u", off, l, c, line,
				  col);
}

START_TEST(line_col_counts_lines_from_one)
{
	struct ml_arena *a = ml_arena_create();
	const char *t = "ab\ncd\n\nef";
	struct ml_source *s = src_of(a, t, strlen(t));

	assert_pos(s, 0, 1, 1);
	assert_pos(s, 1, 1, 2);
	assert_pos(s, 2, 1, 3); /* the newline itself ends line 1 */
	assert_pos(s, 3, 2, 1);
	assert_pos(s, 6, 3, 1);
	assert_pos(s, 7, 4, 1);
	assert_pos(s, 9, 4, 3); /* end of file */
	ck_assert_uint_eq(s->n_lines, 4);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(line_col_counts_characters_not_bytes)
{
	struct ml_arena *a = ml_arena_create();
	const char *t = "\"ünï\" x\n\t\xe2\x82\xac y"; /* ü ï are 2 bytes, € is 3 */
	struct ml_source *s = src_of(a, t, strlen(t));

	assert_pos(s, 8, 1, 7);	  /* x: 8 bytes in, 6 characters before it */
	assert_pos(s, 11, 2, 2);  /* € after a tab: a tab is one column */
	assert_pos(s, 15, 2, 4);  /* y */
	ml_arena_destroy(a);
}
END_TEST

START_TEST(line_col_keeps_crlf_lines_apart)
{
	struct ml_arena *a = ml_arena_create();
	const char *t = "a;\r\nbb;\r\n";
	struct ml_source *s = src_of(a, t, strlen(t));
	size_t len;
	const char *line;

	assert_pos(s, 4, 2, 1);
	assert_pos(s, 5, 2, 2);
	line = ml_source_line_text(s, 2, &len);
	ck_assert_uint_eq(len, 3); /* "bb;" without "\r\n" */
	ck_assert(strncmp(line, "bb;", 3) == 0);
	line = ml_source_line_text(s, 3, &len);
	ck_assert_uint_eq(len, 0);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(source_refuses_empty_nul_and_invalid_utf8)
{
	struct ml_arena *a = ml_arena_create();
	struct ml_source *s = NULL;
	struct ml_error err;

	ck_assert_int_eq(ml_source_from_bytes(&s, a, "", 0, "e.sql", &err), ML_EINPUT);
	ck_assert_str_eq(err.message, "file \"e.sql\" is empty");
	ck_assert_int_eq(ml_source_from_bytes(&s, a, "ab\ncd\0x", 7, "n.sql", &err), ML_EINPUT);
	ck_assert_str_eq(err.message, "file \"n.sql\" contains a NUL byte at line 2, column 3");
	ck_assert_int_eq(ml_source_from_bytes(&s, a, "SELECT '\xff';", 11, "u.sql", &err), ML_EINPUT);
	ck_assert_str_eq(err.message,
					 "file \"u.sql\" is not valid UTF-8: invalid byte 0xFF at line 1, column 9");
	ml_arena_destroy(a);
}
END_TEST

START_TEST(utf8_valid_rejects_overlongs_and_surrogates)
{
	size_t bad = 0;

	ck_assert(ml_utf8_valid("h\xc3\xa9llo \xf0\x9f\x98\x80", 11, &bad));
	ck_assert(!ml_utf8_valid("\xc0\xaf", 2, &bad)); /* overlong '/' */
	ck_assert_uint_eq(bad, 0);
	ck_assert(!ml_utf8_valid("ab\xed\xa0\x80", 5, &bad)); /* U+D800 */
	ck_assert_uint_eq(bad, 2);
	ck_assert(!ml_utf8_valid("ab\xe2\x82", 4, &bad)); /* truncated */
	ck_assert_uint_eq(bad, 2);
	ck_assert(!ml_utf8_valid("\xf4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
}
END_TEST

/* The ASCII fast path reads eight bytes at a time: a bad byte anywhere in or after a run. */
START_TEST(utf8_valid_finds_a_bad_byte_at_every_offset)
{
	char buf[40];
	size_t bad = 0;

	for (size_t at = 0; at < sizeof(buf); at++)
	{
		memset(buf, 'a', sizeof(buf));
		buf[at] = (char) 0xff;
		ck_assert(!ml_utf8_valid(buf, sizeof(buf), &bad));
		ck_assert_uint_eq(bad, at);
		/* A valid two-byte character there instead, then the rest of the run. */
		if (at + 1 < sizeof(buf))
		{
			buf[at] = (char) 0xc3;
			buf[at + 1] = (char) 0xa9;
			ck_assert(ml_utf8_valid(buf, sizeof(buf), &bad));
		}
	}
}
END_TEST

START_TEST(utf8_offset_inverts_count)
{
	const char *t = "a\xc3\xa9\xe2\x82\xac" "b";

	ck_assert_uint_eq(ml_utf8_count(t, strlen(t)), 4);
	ck_assert_uint_eq(ml_utf8_offset(t, strlen(t), 2), 3);
	ck_assert_uint_eq(ml_utf8_offset(t, strlen(t), 3), 6);
	ck_assert_uint_eq(ml_utf8_offset(t, strlen(t), 99), strlen(t));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("source");
	TCase *lc = tcase_create("ml_source_line_col");
	TCase *rd = tcase_create("ml_source_from_bytes");
	TCase *u8 = tcase_create("utf8");
	SRunner *sr;
	int failed;

	tcase_add_test(lc, line_col_counts_lines_from_one);
	tcase_add_test(lc, line_col_counts_characters_not_bytes);
	tcase_add_test(lc, line_col_keeps_crlf_lines_apart);
	tcase_add_test(rd, source_refuses_empty_nul_and_invalid_utf8);
	tcase_add_test(u8, utf8_valid_rejects_overlongs_and_surrogates);
	tcase_add_test(u8, utf8_valid_finds_a_bad_byte_at_every_offset);
	tcase_add_test(u8, utf8_offset_inverts_count);
	suite_add_tcase(s, lc);
	suite_add_tcase(s, rd);
	suite_add_tcase(s, u8);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
