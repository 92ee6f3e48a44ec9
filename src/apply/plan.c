/* SPDX-License-Identifier: MIT */
/*
 * plan.c
 *	  The migrations of a Drizzle folder, read the way drizzle-orm's migrator reads them.
 *
 * drizzle-orm 0.x runs the journal's entries in array order (file <tag>.sql, created_at =
 * "when"); 1.0 runs every <name>/migration.sql in ICU root order (created_at from the name).
 * Both read every file before touching the database, hash its exact bytes with sha256 and
 * split it on the breakpoint marker verbatim. miglint does the same, and refuses the files
 * drizzle would mangle instead of sending them: a NUL byte (libpq would cut the text there),
 * a byte-order mark (PostgreSQL fails on it) and invalid UTF-8 (drizzle hashes it rewritten).
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "miglint/apply.h"
#include "miglint/folder.h"
#include "miglint/json.h"
#include "miglint/sha256.h"
#include "miglint/source.h"
#include "miglint/utf8.h"

static char *
join(struct ml_arena *arena, const char *dir, const char *name)
{
	size_t n = strlen(dir);

	return ml_arena_printf(arena, "%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/", name);
}

/*
 * Reads the file 'fs' (shown as 'display') into 'm' with its hash and chunks. The checks
 * are the ones drizzle does not do: see the file comment.
 */
static int
read_migration(struct ml_apply_migration *m, struct ml_arena *arena, const char *real_root,
			   const char *fs, const char *display, struct ml_error *err)
{
	FILE *f = fopen(fs, "rb");
	struct stat st;
	unsigned char md[ML_SHA256_BYTES];
	size_t bad;
	int rc = 0;

	m->display = ml_arena_strdup(arena, display);
	if (f != NULL && !ml_folder_path_inside(real_root, fs))
	{
		fclose(f);
		ml_error_set(err, ML_EINPUT,
					 "file \"%s\" lies outside the folder, through a symbolic link", display);
		ml_error_detail(err, "Only files inside the folder given are read.");
		ml_error_hint(err, "Copy the migration into the folder instead of linking to it.");
		return ML_EINPUT;
	}
	if (f == NULL)
		return ml_error_set(err, ML_EIO, "could not read file \"%s\": %s", display,
							strerror(errno));
	if (fstat(fileno(f), &st) != 0)
	{
		rc = ml_error_set(err, ML_EIO, "could not read file \"%s\": %s", display,
						  strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode))
	{
		rc = ml_error_set(err, ML_EIO, "could not read file \"%s\": %s", display,
						  S_ISDIR(st.st_mode) ? "Is a directory" : "not a regular file");
		goto done;
	}
	if ((size_t) st.st_size > ML_SOURCE_MAX_BYTES)
	{
		rc = ml_error_set(err, ML_ELIMIT, "file \"%s\" is larger than %zu MB", display,
						  ML_SOURCE_MAX_BYTES / (1024 * 1024));
		goto done;
	}
	m->data = ml_arena_alloc(arena, (size_t) st.st_size + 1);
	m->len = fread(m->data, 1, (size_t) st.st_size, f);
	m->data[m->len] = '\0';
	if (ferror(f) || m->len != (size_t) st.st_size)
	{
		rc = ml_error_set(err, ML_EIO, "could not read file \"%s\": %s", display,
						  ferror(f) ? strerror(errno) : "it changed while being read");
		goto done;
	}
	if (memchr(m->data, '\0', m->len) != NULL)
	{
		rc = ml_error_set(err, ML_EINPUT, "file \"%s\" contains a NUL byte", display);
		ml_error_detail(err, "libpq would send the text only up to it.");
		goto done;
	}
	if (m->len >= 3 && memcmp(m->data, "\xEF\xBB\xBF", 3) == 0)
	{
		rc = ml_error_set(err, ML_EINPUT, "file \"%s\" starts with a byte-order mark",
						  display);
		ml_error_detail(err, "drizzle-orm sends it, and PostgreSQL fails with a syntax error at "
							 "the first statement.");
		ml_error_hint(err, "Save the file as UTF-8 without a byte-order mark.");
		goto done;
	}
	if (!ml_utf8_valid(m->data, m->len, &bad))
	{
		rc = ml_error_set(err, ML_EINPUT, "file \"%s\" is not valid UTF-8 (byte %zu)", display,
						  bad);
		ml_error_detail(err, "drizzle-orm would hash it with each invalid byte replaced, so "
							 "the recorded hash would not be the file's.");
		goto done;
	}
	ml_sha256(m->data, m->len, md);
	for (unsigned i = 0; i < ML_SHA256_BYTES; i++)
		sprintf(m->hash + 2 * i, "%02x", md[i]);
	m->n_chunks = ml_split_breakpoints(&m->chunks, arena, m->data, m->len);
done:
	fclose(f);
	return rc;
}

/* drizzle-kit 0.x: the journal's entries, in array order. */
static int
read_journal_folder(struct ml_apply_plan *plan, const char *root, struct ml_error *err)
{
	char *journal = join(plan->arena, root, "meta/_journal.json");
	char *journal_display = join(plan->arena, plan->display_root, "meta/_journal.json");
	struct ml_source *src = NULL;
	const cJSON *entries, *entry;
	cJSON *json = NULL;
	size_t i = 0;
	int rc;

	rc = ml_source_read(&src, plan->arena, journal, journal_display, err);
	if (rc != 0)
		return rc;
	json = cJSON_ParseWithLength(src->data, src->len);
	entries = ml_json_member(json, "entries");
	if (json == NULL || !cJSON_IsArray(entries))
	{
		rc = ml_error_set(err, ML_EINPUT, "journal \"%s\" has no \"entries\" array",
						  journal_display);
		goto done;
	}
	plan->migrations = ml_arena_alloc(plan->arena, ((size_t) cJSON_GetArraySize(entries) + 1) *
													   sizeof(struct ml_apply_migration));
	cJSON_ArrayForEach(entry, entries)
	{
		struct ml_apply_migration *m = &plan->migrations[i];
		const cJSON *tag = ml_json_member(entry, "tag"), *when = ml_json_member(entry, "when");
		char *file;

		memset(m, 0, sizeof(*m));
		if (!cJSON_IsString(tag))
		{
			rc = ml_error_set(err, ML_EINPUT, "journal entry %zu of \"%s\" has no \"tag\" string",
							  i, journal_display);
			goto done;
		}
		if (!ml_journal_tag_safe(tag->valuestring))
		{
			rc = ml_error_set(err, ML_EINPUT,
							  "journal entry %zu of \"%s\" has tag \"%s\", which names no file "
							  "in the folder",
							  i, journal_display, tag->valuestring);
			ml_error_detail(err, "A tag is the name of a .sql file in the folder, without "
								 "\".sql\" and without \"/\"; miglint never reads outside the "
								 "folder.");
			goto done;
		}
		m->name = ml_arena_strdup(plan->arena, tag->valuestring);
		if (!cJSON_IsNumber(when) || when->valuedouble < 0 || when->valuedouble > 9007199254740991.0 ||
			(double) (long long) when->valuedouble != when->valuedouble)
		{
			rc = ml_error_set(err, ML_EINPUT,
							  "journal entry %zu (\"%s\") of \"%s\" has no valid \"when\"", i,
							  m->name, journal_display);
			ml_error_detail(err, "drizzle-orm records \"when\" as the migration's created_at and "
								 "decides by it what is pending: it must be a whole number of "
								 "milliseconds.");
			goto done;
		}
		m->created_at = (long long) when->valuedouble;
		file = ml_arena_printf(plan->arena, "%s.sql", m->name);
		rc = read_migration(m, plan->arena, plan->real_root, join(plan->arena, root, file),
							join(plan->arena, plan->display_root, file), err);
		if (rc != 0)
		{
			if (err->detail[0] == '\0')
				ml_error_detail(err, "Journal entry %zu names it; drizzle-orm would fail the "
									 "same way, before touching the database.",
								i);
			goto done;
		}
		plan->n = ++i;
	}
done:
	cJSON_Delete(json);
	return rc;
}

static int
cmp_migration_name(const void *a, const void *b)
{
	return ml_folder_name_compare(((const struct ml_apply_migration *) a)->name,
								  ((const struct ml_apply_migration *) b)->name);
}

/* drizzle-kit 1.0: every directory entry E with E/migration.sql, in ICU root order. */
static int
read_v1_folder(struct ml_apply_plan *plan, const char *root, struct ml_error *err)
{
	DIR *d;
	struct dirent *de;
	size_t cap = 16;
	struct stat st;
	int rc = 0;

	if (stat(join(plan->arena, root, "meta/_journal.json"), &st) == 0)
	{
		ml_error_set(err, ML_EINPUT, "folder \"%s\" still has meta/_journal.json",
					 plan->display_root);
		ml_error_detail(err, "drizzle-orm 1.0 refuses it (\"We detected that you have old "
							 "drizzle-kit migration folders\").");
		ml_error_hint(err, "Run drizzle-kit up, or delete meta/ if drizzle-kit up already "
						   "moved every migration.");
		return ML_EINPUT;
	}
	d = opendir(root);
	if (d == NULL)
		return ml_error_set(err, ML_EIO, "could not open directory \"%s\": %s",
							plan->display_root, strerror(errno));
	plan->migrations = ml_arena_alloc(plan->arena, cap * sizeof(struct ml_apply_migration));
	while ((de = readdir(d)) != NULL)
	{
		struct ml_apply_migration *m;
		char *rel;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		rel = ml_arena_printf(plan->arena, "%s/migration.sql", de->d_name);
		if (stat(join(plan->arena, root, rel), &st) != 0)
			continue;
		if (plan->n == cap)
		{
			struct ml_apply_migration *grown =
				ml_arena_alloc(plan->arena, 2 * cap * sizeof(struct ml_apply_migration));

			memcpy(grown, plan->migrations, cap * sizeof(struct ml_apply_migration));
			plan->migrations = grown;
			cap *= 2;
		}
		m = &plan->migrations[plan->n];
		memset(m, 0, sizeof(*m));
		m->name = ml_arena_strdup(plan->arena, de->d_name);
		rc = read_migration(m, plan->arena, plan->real_root, join(plan->arena, root, rel),
							join(plan->arena, plan->display_root, rel), err);
		if (rc != 0)
			break;
		if (!ml_apply_name_millis(m->name, &m->created_at))
		{
			rc = ml_error_set(err, ML_EINPUT,
							  "migration folder \"%s\" does not start with a UTC time "
							  "(YYYYMMDDHHMMSS)",
							  join(plan->arena, plan->display_root, m->name));
			ml_error_detail(err, "drizzle-orm 1.0 records created_at from the first 14 "
								 "characters of the name; for this one it gets NaN and every "
								 "migrate fails at its INSERT (22P02).");
			ml_error_hint(err, "Rename the folder to start with the UTC time it was "
							   "created, as drizzle-kit names folders.");
			break;
		}
		plan->n++;
	}
	closedir(d);
	if (rc == 0 && plan->n > 1)
		qsort(plan->migrations, plan->n, sizeof(struct ml_apply_migration), cmp_migration_name);
	return rc;
}

int
ml_apply_plan_read(struct ml_apply_plan *plan, const char *path, struct ml_error *err)
{
	struct stat st;

	memset(plan, 0, sizeof(*plan));
	plan->arena = ml_arena_create();
	plan->display_root = ml_arena_strdup(plan->arena, path);
	if (stat(path, &st) != 0)
		return ml_error_set(err, ML_EIO, "could not open \"%s\": %s", path, strerror(errno));
	plan->real_root = realpath(path, NULL);
	if (plan->real_root == NULL)
		return ml_error_set(err, ML_EIO, "could not open \"%s\": %s", path, strerror(errno));
	switch (S_ISDIR(st.st_mode) ? ml_folder_classify_dir(path) : ML_FOLDER_SINGLE)
	{
		case ML_FOLDER_DRIZZLE:
			return read_journal_folder(plan, path, err);
		case ML_FOLDER_DRIZZLE_V1:
			plan->v1 = true;
			return read_v1_folder(plan, path, err);
		default:
			ml_error_set(err, ML_EINPUT, "\"%s\" is not a Drizzle migrations folder", path);
			ml_error_detail(err, "--apply and --status need a folder with meta/_journal.json "
								 "(drizzle-kit 0.x) or <timestamp>_<name>/migration.sql folders "
								 "(drizzle-kit 1.0).");
			return ML_EINPUT;
	}
}

void
ml_apply_plan_cleanup(struct ml_apply_plan *plan)
{
	free(plan->real_root);
	ml_arena_destroy(plan->arena);
	memset(plan, 0, sizeof(*plan));
}

/* JavaScript's parseInt(s) with no radix over s[0..len): false where it gives NaN. */
static bool
js_parse_int(const char *s, size_t len, long long *out)
{
	size_t i = 0;
	int sign = 1, base = 10;
	long long v = 0;
	bool any = false;

	while (i < len && strchr(" \t\n\v\f\r", s[i]) != NULL)
		i++;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		sign = s[i++] == '-' ? -1 : 1;
	if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
	{
		base = 16;
		i += 2;
	}
	for (; i < len; i++)
	{
		int digit;

		if (s[i] >= '0' && s[i] <= '9')
			digit = s[i] - '0';
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			digit = s[i] - 'a' + 10;
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			digit = s[i] - 'A' + 10;
		else
			break;
		v = v * base + digit;
		any = true;
	}
	*out = sign * v;
	return any;
}

/* Days from 1970-01-01 to year-month-01 (proleptic Gregorian, month 1-12). */
static long long
days_from_civil(long long y, long long m)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool
ml_apply_name_millis(const char *name, long long *out)
{
	static const size_t cut[] = {0, 4, 6, 8, 10, 12, 14};
	size_t len = strlen(name);
	long long part[6], year, month, t;

	for (int i = 0; i < 6; i++)
	{
		size_t from = cut[i] < len ? cut[i] : len, to = cut[i + 1] < len ? cut[i + 1] : len;

		if (!js_parse_int(name + from, to - from, &part[i]))
			return false;
	}
	year = part[0] >= 0 && part[0] <= 99 ? 1900 + part[0] : part[0];
	month = part[1] - 1;
	year += month >= 0 ? month / 12 : -((11 - month) / 12);
	month = ((month % 12) + 12) % 12;
	t = (days_from_civil(year, month + 1) + part[2] - 1) * 86400000LL + part[3] * 3600000LL +
		part[4] * 60000LL + part[5] * 1000LL;
	if (t > 8640000000000000LL || t < -8640000000000000LL)
		return false;
	*out = t;
	return true;
}
