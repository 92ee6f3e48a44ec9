/* SPDX-License-Identifier: MIT */
/*
 * drizzle_meta.c
 *	  Loading meta/_journal.json and the snapshots of a Drizzle folder (see drizzle.h).
 *
 * drizzle-kit 0.x takes every file in meta/ whose name does not start with '_' as a
 * snapshot, in plain name order, so this does too. drizzle-kit 1.0 keeps one snapshot.json
 * in each migration folder. Unreadable, empty or binary meta files are not input errors:
 * they are recorded with the reason, for the journal and snapshot rules to report.
 */
#include "miglint/drizzle.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "miglint/arena.h"
#include "miglint/pool.h"

static char *
join(struct ml_arena *arena, const char *dir, const char *name)
{
	if (dir[0] == '\0' || strcmp(dir, ".") == 0)
		return ml_arena_strdup(arena, name);
	return ml_arena_printf(arena, "%s/%s", dir, name);
}

/* Reads one meta file; the reason it is unusable (if it is) goes into read_error. */
static void
read_file(struct ml_meta_file *mf, struct ml_arena *arena, const char *fs_path,
		  const char *display, size_t order)
{
	struct ml_error err;

	ml_error_clear(&err);
	mf->src = NULL;
	if (ml_source_read(&mf->src, arena, fs_path, display, &err) != 0)
	{
		mf->read_error = ml_arena_strdup(arena, err.message);
		mf->src = ml_source_stub(arena, display);
	}
	mf->src->order = order;
}

/* Reads one meta file (read_file) and parses it when it could be read. */
static void
load_file(struct ml_meta_file *mf, struct ml_arena *arena, const char *fs_path,
		  const char *display, size_t order)
{
	read_file(mf, arena, fs_path, display, order);
	if (mf->read_error == NULL)
		ml_json_parse(&mf->json, mf->src);
}

char *
ml_drizzle_tag_prefix(struct ml_arena *arena, const char *tag)
{
	const char *us = strchr(tag, '_');

	return ml_arena_strndup(arena, tag, us ? (size_t) (us - tag) : strlen(tag));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* drizzle-orm 1.0's order of migration folders. */
static int
cmp_v1(const void *a, const void *b)
{
	return ml_folder_name_compare(*(char *const *) a, *(char *const *) b);
}

/* Sorted names in 'dir' that 'keep' accepts (arena-owned). */
static char **
list(struct ml_arena *arena, const char *dir, bool (*keep)(const char *dir, const char *name),
	 int (*cmp)(const void *, const void *), size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
	{
		if (de->d_name[0] == '.' || !keep(dir, de->d_name))
			continue;
		if (*n == cap)
		{
			char **more;

			cap = cap ? cap * 2 : 32;
			more = ml_arena_alloc(arena, cap * sizeof(char *));
			if (*n > 0)
				memcpy(more, names, *n * sizeof(char *));
			names = more;
		}
		names[(*n)++] = ml_arena_strdup(arena, de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(names, *n, sizeof(char *), cmp);
	return names;
}

/* drizzle-kit 0.x: everything in meta/ not starting with '_'. */
static bool
keep_snapshot(const char *dir, const char *name)
{
	(void) dir;
	return name[0] != '_';
}

static bool
keep_dir(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return strcmp(name, "meta") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const cJSON *
ml_snapshot_parent_member(const cJSON *root)
{
	const cJSON *prev = ml_json_member(root, "prevIds");

	return prev != NULL ? prev : ml_json_member(root, "prevId");
}

/*
 * Pool job: reads and summarizes one snapshot, then frees its text. The scan needs no tree;
 * a snapshot it is not sure of is parsed (its tree in the arena, dropped with it).
 */
static void
snapshot_job(void *ctx, size_t i)
{
	struct ml_snapshot *s = &((struct ml_drizzle_meta *) ctx)->snapshots[i];
	struct ml_arena *arena = ml_arena_create();
	struct ml_meta_file mf = {0};

	read_file(&mf, arena, s->fs_path, s->path, s->order);
	s->read_error = mf.read_error != NULL ? ml_xstrdup(mf.read_error) : NULL;
	s->parsed = false;
	s->error_at = 0;
	if (mf.read_error == NULL && !ml_snapshot_scan(s, mf.src->data, mf.src->len))
	{
		ml_json_parse_in(&mf.json, mf.src, arena);
		s->parsed = mf.json.root != NULL;
		s->error_at = mf.json.error_at;
		if (s->parsed)
			ml_snapshot_summarize(s, mf.json.root);
	}
	ml_json_cleanup(&mf.json);
	ml_arena_destroy(arena);
}

/* Holds the snapshot last read by ml_snapshot_open. */
struct ml_snapshot_cache
{
	const struct ml_snapshot *snapshot;
	struct ml_arena *arena;
	struct ml_meta_file file;
};

static void
cache_clear(struct ml_snapshot_cache *c)
{
	if (c->arena != NULL)
	{
		ml_json_cleanup(&c->file.json);
		ml_arena_destroy(c->arena);
	}
	memset(c, 0, sizeof(*c));
}

const struct ml_meta_file *
ml_snapshot_open(const struct ml_drizzle_meta *meta, const struct ml_snapshot *s)
{
	struct ml_snapshot_cache *c = meta->cache;

	if (c->snapshot != s)
	{
		cache_clear(c);
		c->snapshot = s;
		c->arena = ml_arena_create();
		c->file.name = (char *) s->name;
		load_file(&c->file, c->arena, s->fs_path, s->path, s->order);
	}
	return &c->file;
}

/* The folder's file named 'name' (top level), or NULL. */
static struct ml_migration *
find_file(struct ml_folder *f, const char *name)
{
	size_t ln = strlen(name);

	for (size_t i = 0; i < f->n_files; i++)
	{
		const char *d = f->files[i].display;
		size_t ld = strlen(d);

		if (ld >= ln && strcmp(d + ld - ln, name) == 0 && (ld == ln || d[ld - ln - 1] == '/'))
			return &f->files[i];
	}
	return NULL;
}

static void
load_journal(struct ml_drizzle_meta *m, struct ml_folder *f, size_t *next_order)
{
	char *fs = join(m->arena, f->fs_root, "meta/_journal.json");
	char *disp = join(m->arena, f->display_root, "meta/_journal.json");
	const cJSON *e;
	size_t n = 0;

	m->has_journal = true;
	load_file(&m->journal, m->arena, fs, disp, (*next_order)++);
	m->entries = ml_json_member(m->journal.json.root, "entries");
	if (!cJSON_IsArray(m->entries))
		return;
	m->entry = ml_arena_alloc(m->arena,
							  ((size_t) cJSON_GetArraySize(m->entries) + 1) * sizeof(*m->entry));
	cJSON_ArrayForEach(e, m->entries)
	{
		struct ml_journal_entry *je = &m->entry[n];

		je->position = n;
		je->item = e;
		je->snapshot = (size_t) -1;
		if (cJSON_IsObject(e))
		{
			je->idx = ml_json_member(e, "idx");
			je->when = ml_json_member(e, "when");
			je->tag = ml_json_member(e, "tag");
			je->breakpoints = ml_json_member(e, "breakpoints");
		}
		if (cJSON_IsString(je->tag))
		{
			je->tag_text = je->tag->valuestring;
			je->tag_safe = ml_journal_tag_safe(je->tag_text);
			if (je->tag_safe)
				je->file = find_file(f, ml_arena_printf(m->arena, "%s.sql", je->tag_text));
		}
		n++;
	}
	m->n_entries = n;
}

static void
load_v0_snapshots(struct ml_drizzle_meta *m, struct ml_folder *f, size_t *next_order)
{
	char *meta_fs = join(m->arena, f->fs_root, "meta");
	char *meta_disp = join(m->arena, f->display_root, "meta");
	size_t n;
	char **names = list(m->arena, meta_fs, keep_snapshot, cmp_str, &n);

	m->snapshots = ml_arena_alloc(m->arena, (n + 1) * sizeof(*m->snapshots));
	m->n_snapshots = n;
	for (size_t i = 0; i < n; i++)
	{
		struct ml_snapshot *s = &m->snapshots[i];
		const char *suffix = strstr(names[i], "_snapshot.json");

		s->name = names[i];
		s->prefix = suffix ? ml_arena_strndup(m->arena, names[i], (size_t) (suffix - names[i]))
						   : names[i];
		s->fs_path = join(m->arena, meta_fs, names[i]);
		s->path = join(m->arena, meta_disp, names[i]);
		s->order = (*next_order)++;
	}
	/* Entries and snapshots meet on the tag's prefix: 0005_x -> meta/0005_snapshot.json. */
	for (size_t k = 0; k < m->n_entries; k++)
	{
		struct ml_journal_entry *je = &m->entry[k];
		char *prefix;

		if (je->tag_text == NULL)
			continue;
		prefix = ml_drizzle_tag_prefix(m->arena, je->tag_text);
		for (size_t i = 0; i < n; i++)
			if (strcmp(m->snapshots[i].prefix, prefix) == 0 &&
				strstr(m->snapshots[i].name, "_snapshot.json") != NULL)
			{
				je->snapshot = i;
				m->snapshots[i].has_entry = true;
				break;
			}
	}
}

static void
load_v1(struct ml_drizzle_meta *m, struct ml_folder *f, size_t *next_order)
{
	size_t n;
	char **names = list(m->arena, f->fs_root, keep_dir, cmp_v1, &n);

	m->dirs = ml_arena_alloc(m->arena, (n + 1) * sizeof(*m->dirs));
	m->snapshots = ml_arena_alloc(m->arena, (n + 1) * sizeof(*m->snapshots));
	m->n_dirs = n;
	for (size_t i = 0; i < n; i++)
	{
		struct ml_v1_dir *d = &m->dirs[i];
		char *dir_fs = join(m->arena, f->fs_root, names[i]);
		char *snap_fs = join(m->arena, dir_fs, "snapshot.json");
		struct stat st;

		d->name = names[i];
		d->file = find_file(f, ml_arena_printf(m->arena, "%s/migration.sql", names[i]));
		d->snapshot = (size_t) -1;
		if (stat(snap_fs, &st) == 0)
		{
			struct ml_snapshot *s = &m->snapshots[m->n_snapshots];

			s->name = names[i];
			s->prefix = names[i];
			s->fs_path = snap_fs;
			s->path = join(m->arena, join(m->arena, f->display_root, names[i]), "snapshot.json");
			s->order = (*next_order)++;
			d->snapshot = m->n_snapshots++;
		}
	}
}

/*
 * Starts reading the snapshots placed by load_v0_snapshots or load_v1 on worker threads, all
 * of them ahead (a read snapshot keeps only its small summary); ml_drizzle_meta_wait ends it.
 */
static void
read_snapshots(struct ml_drizzle_meta *m, unsigned threads)
{
	if (m->n_snapshots > 0)
		m->reading = ml_pool_start(m->n_snapshots, m->n_snapshots, threads, snapshot_job, m,
								   NULL, 0);
}

void
ml_drizzle_meta_wait(struct ml_drizzle_meta *m)
{
	if (m == NULL || m->reading == NULL)
		return;
	for (size_t i = 0; i < m->n_snapshots; i++)
		ml_pool_take(m->reading, i);
	ml_pool_finish(m->reading);
	m->reading = NULL;
}

struct ml_drizzle_meta *
ml_drizzle_meta_load(struct ml_folder *f, size_t *next_order, unsigned threads)
{
	struct ml_drizzle_meta *m = calloc(1, sizeof(*m));
	char *journal;
	struct stat st;

	if (m == NULL || (m->cache = calloc(1, sizeof(*m->cache))) == NULL)
		ml_fatal_oom();
	m->arena = ml_arena_create();
	if (f->kind != ML_FOLDER_DRIZZLE && f->kind != ML_FOLDER_DRIZZLE_V1)
		return m;
	journal = join(m->arena, f->fs_root, "meta/_journal.json");
	/* lstat: a dangling or looping symlink is a journal that cannot be read, not no journal. */
	if (lstat(journal, &st) == 0)
		load_journal(m, f, next_order);
	if (f->kind == ML_FOLDER_DRIZZLE)
		load_v0_snapshots(m, f, next_order);
	else
		load_v1(m, f, next_order);
	read_snapshots(m, threads);
	return m;
}

void
ml_drizzle_meta_destroy(struct ml_drizzle_meta *m)
{
	if (m == NULL)
		return;
	ml_drizzle_meta_wait(m);
	ml_json_cleanup(&m->journal.json);
	for (size_t i = 0; i < m->n_snapshots; i++)
	{
		struct ml_snapshot *s = &m->snapshots[i];

		free((char *) s->read_error);
		ml_snapshot_summary_free(s);
	}
	cache_clear(m->cache);
	free(m->cache);
	ml_arena_destroy(m->arena);
	free(m);
}
