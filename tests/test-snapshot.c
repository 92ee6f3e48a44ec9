/* SPDX-License-Identifier: MIT */
/*
 * test-snapshot.c
 *	  Unit tests for a snapshot's summary: the tree-less scan (ml_snapshot_scan, over
 *	  json_scan.c) against the cJSON path (ml_json_parse, then ml_snapshot_summarize).
 *
 * The scan may say "not sure" but never disagree: for every document it accepts, cJSON must
 * parse it and give the same summary. Each case also says which answer it expects, so a
 * scanner that gave up on everything would fail too. The last case runs both over every
 * snapshot under ../shared/corpora when that directory exists.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "miglint/drizzle.h"

enum expect
{
	SCANS,	   /* the scan accepts it and agrees with cJSON */
	FALLS_BACK /* the scan is not sure (cJSON may parse it or not) */
};

struct doc
{
	const char *what;
	const char *text;
	enum expect expect;
	size_t len; /* 0: strlen(text) */
};

static bool
same_string(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Fails the test, naming the document, when the two summaries differ in any field. */
static void
assert_same_summary(const char *what, const struct ml_snapshot *a, const struct ml_snapshot *b)
{
	ck_assert_msg(a->parsed == b->parsed && a->error_at == b->error_at, "%s: parsed", what);
	ck_assert_msg(a->root == b->root, "%s: root kind %d, cJSON %d", what, a->root, b->root);
	ck_assert_msg(a->id_kind == b->id_kind, "%s: id kind", what);
	ck_assert_msg(same_string(a->id, b->id), "%s: id \"%s\", cJSON \"%s\"", what, a->id, b->id);
	ck_assert_msg(a->prev_kind == b->prev_kind, "%s: parent kind %d, cJSON %d", what,
				  a->prev_kind, b->prev_kind);
	ck_assert_msg(same_string(a->prev_id, b->prev_id), "%s: prevId \"%s\", cJSON \"%s\"", what,
				  a->prev_id, b->prev_id);
	ck_assert_msg((a->prev_ids == NULL) == (b->prev_ids == NULL), "%s: prevIds", what);
	ck_assert_msg(a->n_prev_ids == b->n_prev_ids, "%s: %zu prevIds, cJSON %zu", what,
				  a->n_prev_ids, b->n_prev_ids);
	for (size_t k = 0; k < a->n_prev_ids; k++)
		ck_assert_msg(same_string(a->prev_ids[k], b->prev_ids[k]), "%s: prevIds[%zu]", what, k);
	if (a->prev_ids != NULL)
		ck_assert_msg(a->prev_ids[a->n_prev_ids] == NULL, "%s: prevIds not terminated", what);
	ck_assert_msg(a->version == b->version, "%s: version kind", what);
	ck_assert_msg(a->dialect_kind == b->dialect_kind, "%s: dialect kind", what);
	ck_assert_msg(same_string(a->dialect, b->dialect), "%s: dialect", what);
}

/*
 * Runs both paths over 'text' (copied into a buffer of exactly len + 1 bytes, so that the
 * sanitizer build catches any read past the NUL) and checks that they agree. Returns
 * whether the scan accepted it; *by_cjson says whether cJSON parsed it.
 */
static bool
differ(const char *what, const char *text, size_t len, bool *by_cjson)
{
	char *copy = malloc(len + 1);
	struct ml_snapshot scanned, parsed, untouched;
	struct ml_source src = {0};
	struct ml_json json;
	bool accepted;

	/* memset, not = {0}: the padding too, for the memcmp below. */
	memset(&scanned, 0, sizeof(scanned));
	memset(&parsed, 0, sizeof(parsed));
	memset(&untouched, 0, sizeof(untouched));
	memcpy(copy, text, len);
	copy[len] = '\0';
	src.data = copy;
	src.len = len;
	ml_json_parse(&json, &src);
	*by_cjson = json.root != NULL;
	if (json.root != NULL)
	{
		parsed.parsed = true;
		ml_snapshot_summarize(&parsed, json.root);
	}
	accepted = ml_snapshot_scan(&scanned, copy, len);
	if (accepted)
	{
		ck_assert_msg(json.root != NULL, "%s: scanned, but cJSON rejects it at %zu", what,
					  json.error_at);
		assert_same_summary(what, &scanned, &parsed);
	}
	else
		ck_assert_msg(memcmp(&scanned, &untouched, sizeof(scanned)) == 0,
					  "%s: a scan that is not sure changed the summary", what);
	ml_snapshot_summary_free(&scanned);
	ml_snapshot_summary_free(&parsed);
	ml_json_cleanup(&json);
	free(copy);
	return accepted;
}

static const struct doc docs[] = {
	/* What drizzle-kit writes. */
	{"v0 snapshot",
	 "{\n  \"id\": \"b1\",\n  \"prevId\": \"00000000-0000-0000-0000-000000000000\",\n"
	 "  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"tables\": {\n"
	 "    \"public.users\": {\n      \"name\": \"users\",\n      \"columns\": {\n"
	 "        \"id\": {\n          \"name\": \"id\",\n          \"primaryKey\": true\n"
	 "        }\n      }\n    }\n  },\n  \"_meta\": {\"columns\": {}, \"schemas\": {}}\n}\n",
	 SCANS, 0},
	{"v1 snapshot", "{\"version\":\"8\",\"dialect\":\"postgres\",\"id\":\"c\",\"prevIds\":[\"a\",\"b\"],"
	 "\"ddl\":[]}", SCANS, 0},
	{"empty object", "{}", SCANS, 0},
	{"empty object with blanks", " \t\r\n{ \t\r\n} \t\r\n", SCANS, 0},
	{"empty id", "{\"id\":\"\"}", SCANS, 0},
	{"raw UTF-8", "{\"id\":\"\xc3\xa9\xf0\x9f\x98\x80\",\"dialect\":\"\xe2\x82\xac\"}", SCANS, 0},
	/* A repeated key: the last one counts, whatever its kind. */
	{"repeated id", "{\"id\":\"a\",\"x\":1,\"id\":\"b\"}", SCANS, 0},
	{"repeated id, last not a string", "{\"id\":\"a\",\"id\":5}", SCANS, 0},
	{"repeated id, last a string", "{\"id\":[\"a\"],\"id\":\"z\"}", SCANS, 0},
	{"repeated dialect and version", "{\"dialect\":\"a\",\"version\":\"1\",\"dialect\":\"b\","
	 "\"version\":{}}", SCANS, 0},
	/* prevIds wins over prevId, wherever each is. */
	{"prevId then prevIds", "{\"prevId\":\"p\",\"prevIds\":[\"a\",\"b\"]}", SCANS, 0},
	{"prevIds then prevId", "{\"prevIds\":[\"a\"],\"prevId\":\"p\"}", SCANS, 0},
	{"prevIds not an array", "{\"prevId\":\"p\",\"prevIds\":null}", SCANS, 0},
	{"repeated prevIds", "{\"prevIds\":[\"a\"],\"prevIds\":\"x\"}", SCANS, 0},
	{"repeated prevIds, last an array", "{\"prevIds\":\"x\",\"prevIds\":[\"y\",\"z\"]}", SCANS, 0},
	{"prevIds with other elements", "{\"prevIds\":[\"a\",1,null,{\"x\":\"y\"},[\"z\"],\"b\",true,"
	 "-2.5e3,false,{}]}", SCANS, 0},
	{"prevIds empty", "{\"prevIds\":[]}", SCANS, 0},
	{"prevIds empty with blanks", "{\"prevIds\":[ \n ]}", SCANS, 0},
	{"prevIds with an escape below an element", "{\"prevIds\":[\"a\",[\"x\\\"y\"],{\"k\\n\":\"\\t\"}]}",
	 SCANS, 0},
	{"prevId an object", "{\"prevId\":{\"prevId\":\"inner\"}}", SCANS, 0},
	/* Only the top level counts. */
	{"nested ids", "{\"tables\":{\"id\":\"nested\",\"t\":{\"id\":{\"id\":\"deep\"}}},"
	 "\"x\":[{\"id\":\"in-array\"}],\"y\":[[\"id\"]]}", SCANS, 0},
	{"nested id before the top one", "{\"a\":{\"id\":\"n\",\"prevIds\":[\"q\"]},\"id\":\"top\","
	 "\"b\":{\"dialect\":\"d\"}}", SCANS, 0},
	/* Escapes anywhere but in the strings the summary copies. */
	{"escapes in other strings",
	 "{\"id\":\"a\",\"note\":\"he said \\\"}\\\" and \\\\ and \\/ and \\u00e9 \\u0041 \\b\\f\\n\\r\\t\","
	 "\"x\":\"\\\"id\\\":\\\"evil\\\"}\",\"dialect\":\"pg\",\"y\":\"\\\\\"}", SCANS, 0},
	{"escaped key below the top", "{\"a\":{\"k\\\"ey\":1,\"i\\u0064\":\"no\"},\"id\":\"x\"}", SCANS, 0},
	{"string that looks like members", "{\"s\":\"\\\",\\\"id\\\":\\\"fake\",\"id\":\"real\"}", SCANS, 0},
	{"\\u0000 in another string", "{\"x\":\"a\\u0000b\",\"id\":\"i\"}", SCANS, 0},
	{"upper-case hex", "{\"x\":\"\\uABCD\\uFFFF\\u0000\",\"id\":\"i\"}", SCANS, 0},
	/* Numbers in RFC 8259 form. */
	{"numbers", "{\"n\":[-0,0,1e5,1.5E-3,-12.25e+10,0.0,123456789,1E400,-1e-400]}", SCANS, 0},
	{"version a number", "{\"version\":5}", SCANS, 0},
	{"version a negative fraction", "{\"version\":-0.5e-7}", SCANS, 0},
	{"63-digit number", "{\"version\":123456789012345678901234567890123456789012345678901234567890123}",
	 SCANS, 0},
	{"literals", "{\"version\":true,\"dialect\":null,\"id\":false,\"prevId\":true}", SCANS, 0},
	/* Roots that are not objects. */
	{"root array", "[1,2,{\"id\":\"x\"}]", SCANS, 0},
	{"root empty array", "[]", SCANS, 0},
	{"root string", "\"abc\"", SCANS, 0},
	{"root string with an escape", "\"a\\\"b\"", SCANS, 0},
	{"root number", "42", SCANS, 0},
	{"root negative number", " -1.5 ", SCANS, 0},
	{"root true", "true", SCANS, 0},
	{"root null", "null\n", SCANS, 0},
	{"trailing whitespace", "{\"id\":\"a\"}  \n\t\r\n  ", SCANS, 0},
	{"spaces across a word", "{\n        \"id\":\n                \"a\",\n\n\n\"x\":\n"
	 "        \n        [\n 1,\n                                 2]}\n        ", SCANS, 0},

	/* cJSON reads these too, but differently or maybe differently: not sure. */
	{"BOM", "\xef\xbb\xbf{\"id\":\"a\"}", FALLS_BACK, 0},
	{"form feed", "{\"id\":\"a\"}\f", FALLS_BACK, 0},
	{"vertical tab", "{\v\"id\":\"a\"}", FALLS_BACK, 0},
	{"control character in a string", "{\"x\":\"a\x01z\"}", FALLS_BACK, 0},
	{"raw tab in a string", "{\"x\":\"a\tb\"}", FALLS_BACK, 0},
	{"raw newline in a string", "{\"x\":\"a\nb\"}", FALLS_BACK, 0},
	{"surrogate pair", "{\"x\":\"\\ud83d\\ude00\"}", FALLS_BACK, 0},
	{"lone low surrogate", "{\"x\":\"\\udc00\"}", FALLS_BACK, 0},
	{"lone high surrogate", "{\"x\":\"\\uD800\"}", FALLS_BACK, 0},
	{"\\u with a non-hex digit", "{\"x\":\"\\u00G0\"}", FALLS_BACK, 0},
	{"\\u cut short", "{\"x\":\"\\u12\"}", FALLS_BACK, 0},
	{"escape in id", "{\"id\":\"a\\/b\"}", FALLS_BACK, 0},
	{"\\u escape in id", "{\"id\":\"\\u0041\"}", FALLS_BACK, 0},
	{"escape in prevId", "{\"prevId\":\"a\\\"\"}", FALLS_BACK, 0},
	{"escape in a prevIds element", "{\"prevIds\":[\"a\",\"b\\\\c\"]}", FALLS_BACK, 0},
	{"escape in dialect", "{\"dialect\":\"pg\\n\"}", FALLS_BACK, 0},
	{"escaped top-level key", "{\"i\\u0064\":\"x\"}", FALLS_BACK, 0},
	{"key cut by \\u0000", "{\"id\\u0000x\":\"x\"}", FALLS_BACK, 0},
	{"64-digit number", "{\"version\":1234567890123456789012345678901234567890123456789012345678901234}",
	 FALLS_BACK, 0},
	/* cJSON rejects these, or reads a prefix: never scanned. */
	{"leading zero", "[01]", FALLS_BACK, 0},
	{"negative leading zero", "[-01]", FALLS_BACK, 0},
	{"no fraction digits", "[1.]", FALLS_BACK, 0},
	{"no digits before the point", "[.5]", FALLS_BACK, 0},
	{"plus sign", "[+1]", FALLS_BACK, 0},
	{"bare minus", "[-]", FALLS_BACK, 0},
	{"no exponent digits", "[1e]", FALLS_BACK, 0},
	{"signed empty exponent", "[1e+]", FALLS_BACK, 0},
	{"point before exponent", "[1.e5]", FALLS_BACK, 0},
	{"hex number", "[0x10]", FALLS_BACK, 0},
	{"Infinity", "[Infinity]", FALLS_BACK, 0},
	{"NaN", "[NaN]", FALLS_BACK, 0},
	{"root number then sign", "1-2", FALLS_BACK, 0},
	{"invalid escape", "{\"x\":\"\\x41\"}", FALLS_BACK, 0},
	{"truncated object", "{\"id\":\"a\",", FALLS_BACK, 0},
	{"truncated string", "{\"id\":\"a", FALLS_BACK, 0},
	{"truncated key", "{\"id", FALLS_BACK, 0},
	{"truncated after key", "{\"id\"", FALLS_BACK, 0},
	{"truncated array", "[1,2", FALLS_BACK, 0},
	{"truncated literal", "{\"a\":tru", FALLS_BACK, 0},
	{"truncated escape", "\"ab\\", FALLS_BACK, 0},
	{"truncated \\u", "\"\\u00", FALLS_BACK, 0},
	{"empty", "", FALLS_BACK, 0},
	{"only whitespace", " \n\t ", FALLS_BACK, 0},
	{"trailing garbage", "{\"id\":\"a\"}x", FALLS_BACK, 0},
	{"second document", "{\"id\":\"a\"} {}", FALLS_BACK, 0},
	{"trailing comma after the root", "{\"id\":\"a\"},", FALLS_BACK, 0},
	{"trailing comma in an array", "[1,2,]", FALLS_BACK, 0},
	{"trailing comma in an object", "{\"a\":1,}", FALLS_BACK, 0},
	{"leading comma", "[,1]", FALLS_BACK, 0},
	{"missing colon", "{\"a\" 1}", FALLS_BACK, 0},
	{"missing comma", "{\"a\":1 \"b\":2}", FALLS_BACK, 0},
	{"single quotes", "{'a':1}", FALLS_BACK, 0},
	{"unquoted key", "{a:1}", FALLS_BACK, 0},
	{"comment", "{/* c */\"a\":1}", FALLS_BACK, 0},
	{"mismatched brackets", "{\"a\":[1}", FALLS_BACK, 0},
	{"literal with a tail", "{\"a\":truex}", FALLS_BACK, 0},
	{"capital literal", "{\"a\":True}", FALLS_BACK, 0},
	{"NUL inside", "{\"id\":\"a\"}\0", FALLS_BACK, 11},
	{"NUL in a string", "{\"id\":\"a\0b\"}", FALLS_BACK, 12},
};

START_TEST(scan_agrees_with_cjson)
{
	const struct doc *d = &docs[_i];
	bool by_cjson;
	bool accepted = differ(d->what, d->text, d->len ? d->len : strlen(d->text), &by_cjson);

	if (d->expect == SCANS)
		ck_assert_msg(accepted, "%s: the scan was not sure", d->what);
	else
		ck_assert_msg(!accepted, "%s: the scan accepted it", d->what);
}
END_TEST

/* 'n' arrays inside each other, and the same inside the "version" member of an object. */
static char *
nested(size_t n, bool in_member)
{
	char *t = malloc(2 * n + 32), *p = t;

	if (in_member)
		p += sprintf(p, "{\"version\":");
	memset(p, '[', n);
	memset(p + n, ']', n);
	p += 2 * n;
	if (in_member)
		p += sprintf(p, ",\"id\":\"x\"}");
	*p = '\0';
	return t;
}

START_TEST(scan_gives_up_on_deep_nesting)
{
	char *ok = nested(500, false), *deep = nested(501, false), *member = nested(499, true),
		 *very = nested(1500, true);
	bool by_cjson;

	ck_assert(differ("500 arrays", ok, strlen(ok), &by_cjson) && by_cjson);
	ck_assert(!differ("501 arrays", deep, strlen(deep), &by_cjson) && by_cjson);
	ck_assert(differ("499 arrays in a member", member, strlen(member), &by_cjson));
	ck_assert(!differ("1500 arrays in a member", very, strlen(very), &by_cjson) && !by_cjson);
	free(ok);
	free(deep);
	free(member);
	free(very);
}
END_TEST

/* Every cut of a real-looking snapshot: a prefix is never scanned unless cJSON reads it too. */
START_TEST(scan_gives_up_on_every_truncation)
{
	const char *text = docs[0].text;
	size_t len = strlen(text);
	bool by_cjson;

	for (size_t cut = 0; cut < len; cut++)
	{
		char what[64];

		snprintf(what, sizeof(what), "snapshot cut at %zu", cut);
		differ(what, text, cut, &by_cjson);
	}
	ck_assert(differ("snapshot whole", text, len, &by_cjson));
}
END_TEST

static char **snapshots;
static size_t n_snapshots;

/* Collects every "*snapshot.json" under 'dir' (drizzle-kit 0.x and 1.0 both end so). */
static void
collect(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
	{
		size_t l = strlen(de->d_name);
		char *p;
		struct stat st;

		if (de->d_name[0] == '.' || strcmp(de->d_name, "node_modules") == 0)
			continue;
		p = path_join(dir, de->d_name);
		if (stat(p, &st) != 0)
			free(p);
		else if (S_ISDIR(st.st_mode))
		{
			if (depth < 8)
				collect(p, depth + 1);
			free(p);
		}
		else if (S_ISREG(st.st_mode) && l >= 13 && strcmp(de->d_name + l - 13, "snapshot.json") == 0)
		{
			snapshots = realloc(snapshots, (n_snapshots + 1) * sizeof(char *));
			snapshots[n_snapshots++] = p;
		}
		else
			free(p);
	}
	closedir(d);
}

START_TEST(scan_agrees_with_cjson_on_corpus_snapshots)
{
	size_t fell_back = 0, not_json = 0;

	for (size_t i = 0; i < n_snapshots; i++)
	{
		size_t len;
		char *text = read_file(snapshots[i], &len);
		bool by_cjson;

		ck_assert_msg(text != NULL, "cannot read %s", snapshots[i]);
		if (!differ(snapshots[i], text, len, &by_cjson))
		{
			fell_back++;
			if (!by_cjson)
				not_json++;
			else
				printf("not sure: %s\n", snapshots[i]);
		}
		free(text);
	}
	printf("%zu corpus snapshots: %zu scanned, %zu fell back to cJSON (%zu of them not JSON)\n",
		   n_snapshots, n_snapshots - fell_back, fell_back, not_json);
	/* Snapshots that cJSON reads should all be in the subset. */
	ck_assert_uint_eq(fell_back, not_json);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("snapshot");
	TCase *scan = tcase_create("ml_snapshot_scan");
	const char *shared = getenv("MIGLINT_SHARED");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(scan, scan_agrees_with_cjson, 0, (int) (sizeof(docs) / sizeof(docs[0])));
	tcase_add_test(scan, scan_gives_up_on_deep_nesting);
	tcase_add_test(scan, scan_gives_up_on_every_truncation);
	suite_add_tcase(s, scan);
	if (shared != NULL)
	{
		char *corpora = path_join(shared, "corpora");

		collect(corpora, 0);
		free(corpora);
	}
	if (n_snapshots > 0)
	{
		TCase *corpus = tcase_create("corpora");

		tcase_set_timeout(corpus, 300);
		tcase_add_test(corpus, scan_agrees_with_cjson_on_corpus_snapshots);
		suite_add_tcase(s, corpus);
	}
	else
		printf("corpus snapshots skipped: no snapshots under %s/corpora\n",
			   shared ? shared : "MIGLINT_SHARED");
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < n_snapshots; i++)
		free(snapshots[i]);
	free(snapshots);
	return failed == 0 ? 0 : 1;
}
