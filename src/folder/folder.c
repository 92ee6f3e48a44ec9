/* SPDX-License-Identifier: MIT */
/*
 * folder.c
 *	  Classifying paths and listing a folder's migrations in the order they run.
 *
 * Only regular files (or what a symlink resolves to) ending in ".sql" are migrations; a name
 * whose stat fails is kept so that reading it reports the real problem (a symlink loop, a
 * permission). Folders are read one level deep (two for Drizzle 1.0), never recursively.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miglint/arena.h"
#include "miglint/folder.h"

static char *
join(const char *dir, const char *name)
{
	size_t ld = strlen(dir), ln = strlen(name);
	char *p;

	if (ld == 0 || strcmp(dir, ".") == 0)
		return ml_xstrdup(name);
	p = malloc(ld + ln + 2);
	if (p == NULL)
		ml_fatal_oom();
	memcpy(p, dir, ld);
	if (dir[ld - 1] != '/')
		p[ld++] = '/';
	memcpy(p + ld, name, ln + 1);
	return p;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* True when 'path' is there at all: a dangling or looping symlink counts. */
static bool
present(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* The directory part of 'path' as written ("." when there is none). Owned. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *p;

	if (slash == NULL)
		return ml_xstrdup(".");
	if (slash == path)
		return ml_xstrdup("/");
	p = ml_xstrdup(path);
	p[slash - path] = '\0';
	return p;
}

/* 'path' without trailing slashes (but "/" stays). Owned. */
static char *
strip_slashes(const char *path)
{
	char *p = ml_xstrdup(path);
	size_t l = strlen(p);

	while (l > 1 && p[l - 1] == '/')
		p[--l] = '\0';
	return p;
}

bool
ml_folder_numeric_prefix(const char *name, unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i = 0;

	while (name[i] >= '0' && name[i] <= '9')
	{
		if (v > (ULLONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (unsigned long long) (name[i] - '0');
		i++;
	}
	if (i == 0)
		return false;
	*out = v;
	return true;
}

enum ml_folder_kind
ml_folder_classify_dir(const char *dir)
{
	char *journal = join(dir, "meta/_journal.json");
	bool has_journal = present(journal), v1 = false, top_sql = false;
	DIR *d;
	struct dirent *de;

	free(journal);
	d = opendir(dir);
	if (d == NULL)
		return has_journal ? ML_FOLDER_DRIZZLE : ML_FOLDER_PLAIN;
	while ((de = readdir(d)) != NULL)
	{
		char *sub, *mig;

		if (de->d_name[0] == '.')
			continue;
		if (ends_with(de->d_name, ".sql"))
			top_sql = true;
		sub = join(dir, de->d_name);
		mig = join(sub, "migration.sql");
		if (!v1 && is_dir(sub) && exists(mig))
			v1 = true;
		free(mig);
		free(sub);
	}
	closedir(d);
	/* A journal beside 1.0 folders and no 0.x files is a left-over of drizzle-kit up. */
	if (has_journal)
		return v1 && !top_sql ? ML_FOLDER_DRIZZLE_V1 : ML_FOLDER_DRIZZLE;
	return v1 ? ML_FOLDER_DRIZZLE_V1 : ML_FOLDER_PLAIN;
}

/* Names in a directory, as a growable list. */
struct names
{
	char **items;
	size_t n;
	size_t cap;
};

static void
names_add(struct names *ns, const char *name)
{
	if (ns->n == ns->cap)
	{
		size_t cap = ns->cap ? ns->cap * 2 : 32;
		char **p = realloc(ns->items, cap * sizeof(char *));

		if (p == NULL)
			ml_fatal_oom();
		ns->items = p;
		ns->cap = cap;
	}
	ns->items[ns->n++] = ml_xstrdup(name);
}

static void
names_free(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->items[i]);
	free(ns->items);
}

/* Plain-folder order: ups before downs, then numeric prefix, then the name byte-wise. */
static int
cmp_plain(const void *a, const void *b)
{
	const char *x = *(char *const *) a, *y = *(char *const *) b;
	bool dx = ends_with(x, ".down.sql"), dy = ends_with(y, ".down.sql");
	unsigned long long nx, ny;
	bool hx = ml_folder_numeric_prefix(x, &nx), hy = ml_folder_numeric_prefix(y, &ny);

	if (dx != dy)
		return dx ? 1 : -1;
	if (hx != hy)
		return hx ? -1 : 1;
	if (hx && nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x, y);
}

/*
 * Primary weight of a character under ICU's root collation: spaces, then punctuation and
 * symbols in ICU's order (drizzle-v1-semantics.md), digits, letters. Bytes of non-ASCII
 * characters weigh after every ASCII letter: an approximation (ICU would sort "é" with "e").
 */
static int
root_rank(unsigned char c)
{
	static const char punct[] = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";
	const char *p;

	if (c >= '0' && c <= '9')
		return 100 + (c - '0');
	if (c >= 'a' && c <= 'z')
		return 200 + (c - 'a');
	if (c >= 'A' && c <= 'Z')
		return 200 + (c - 'A');
	if (c >= 0x80)
		return 300 + c;
	p = c != '\0' ? strchr(punct, c) : NULL;
	return p != NULL ? 1 + (int) (p - punct) : 60;
}

bool
ml_folder_path_inside(const char *real_root, const char *path)
{
	char real[PATH_MAX];
	size_t n = strlen(real_root);

	if (real_root[0] != '/' || realpath(path, real) == NULL)
		return true; /* no canonical root or path to compare: opening reports the problem */
	return strncmp(real, real_root, n) == 0 && (real[n] == '/' || real[n] == '\0' ||
												(n > 0 && real_root[n - 1] == '/'));
}

int
ml_folder_name_compare(const char *a, const char *b)
{
	size_t i;

	for (i = 0; a[i] && b[i]; i++)
		if (root_rank((unsigned char) a[i]) != root_rank((unsigned char) b[i]))
			return root_rank((unsigned char) a[i]) - root_rank((unsigned char) b[i]);
	if (a[i] || b[i])
		return a[i] ? 1 : -1;
	/* Tertiary: a < A. */
	for (i = 0; a[i]; i++)
		if (a[i] != b[i])
			return (a[i] >= 'a' && a[i] <= 'z') ? -1 : 1;
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return ml_folder_name_compare(*(char *const *) a, *(char *const *) b);
}

/* The .sql files directly in 'dir' (regular files, or names whose stat fails). */
static int
list_sql(struct names *out, const char *dir, const char *display, struct ml_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return ml_error_set(err, ML_EIO, "could not open directory \"%s\": %s", display,
							strerror(errno));
	while ((de = readdir(d)) != NULL)
	{
		char *p;
		struct stat st;

		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".sql"))
			continue;
		p = join(dir, de->d_name);
		if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
			names_add(out, de->d_name);
		free(p);
	}
	closedir(d);
	return 0;
}

static struct ml_migration *
add_file(struct ml_folder *f, const char *fs_path, const char *display)
{
	struct ml_migration *m;
	struct ml_migration *p = realloc(f->files, (f->n_files + 1) * sizeof(*p));

	if (p == NULL)
		ml_fatal_oom();
	f->files = p;
	m = &f->files[f->n_files++];
	memset(m, 0, sizeof(*m));
	m->fs_path = fs_path ? ml_xstrdup(fs_path) : NULL;
	m->display = ml_xstrdup(display);
	m->mode = ML_SPLIT_AUTO;
	return m;
}

/* Adds the files of a Drizzle folder: journal entries in order, then unjournaled files. */
static void
load_drizzle(struct ml_folder *f, struct names *sql)
{
	char *journal = join(f->fs_root, "meta/_journal.json");
	char **tags = NULL;
	size_t n_tags = 0;
	struct ml_error err;
	bool *taken = calloc(sql->n + 1, sizeof(bool));

	if (taken == NULL)
		ml_fatal_oom();
	/* A journal that cannot be read leaves every file unjournaled (the journal rules say why). */
	if (ml_journal_tags(&tags, &n_tags, journal, &err) != 0)
		n_tags = 0;
	for (size_t t = 0; t < n_tags; t++)
		for (size_t i = 0; i < sql->n; i++)
		{
			size_t lt = strlen(tags[t]);

			if (taken[i] || strncmp(sql->items[i], tags[t], lt) != 0 ||
				strcmp(sql->items[i] + lt, ".sql") != 0)
				continue;
			{
				char *fs = join(f->fs_root, sql->items[i]);
				char *disp = join(f->display_root, sql->items[i]);
				struct ml_migration *m = add_file(f, fs, disp);

				m->journaled = true;
				m->mode = ML_SPLIT_DRIZZLE;
				free(fs);
				free(disp);
			}
			taken[i] = true;
			break;
		}
	if (sql->n > 1)
		qsort(sql->items, sql->n, sizeof(char *), cmp_plain);
	/* 'taken' was indexed before the sort: recompute it by name. */
	for (size_t i = 0; i < sql->n; i++)
	{
		bool journaled = false;
		char *fs, *disp;

		for (size_t t = 0; t < n_tags && !journaled; t++)
		{
			size_t lt = strlen(tags[t]);

			journaled = strncmp(sql->items[i], tags[t], lt) == 0 &&
						strcmp(sql->items[i] + lt, ".sql") == 0;
		}
		if (journaled)
			continue;
		fs = join(f->fs_root, sql->items[i]);
		disp = join(f->display_root, sql->items[i]);
		add_file(f, fs, disp);
		free(fs);
		free(disp);
	}
	free(taken);
	ml_journal_tags_free(tags, n_tags);
	free(journal);
}

/* Adds <dir>/<name>/migration.sql for every migration folder, in drizzle-orm 1.0's order. */
static int
load_v1(struct ml_folder *f, struct ml_error *err)
{
	DIR *d = opendir(f->fs_root);
	struct dirent *de;
	struct names subs = {0};

	if (d == NULL)
		return ml_error_set(err, ML_EIO, "could not open directory \"%s\": %s", f->display_root,
							strerror(errno));
	while ((de = readdir(d)) != NULL)
	{
		char *sub;

		if (de->d_name[0] == '.' || strcmp(de->d_name, "meta") == 0)
			continue;
		sub = join(f->fs_root, de->d_name);
		if (is_dir(sub))
			names_add(&subs, de->d_name);
		free(sub);
	}
	closedir(d);
	if (subs.n > 1)
		qsort(subs.items, subs.n, sizeof(char *), cmp_name);
	for (size_t i = 0; i < subs.n; i++)
	{
		char *rel = join(subs.items[i], "migration.sql");
		char *fs = join(f->fs_root, rel);
		char *disp = join(f->display_root, rel);

		if (exists(fs))
			add_file(f, fs, disp)->mode = ML_SPLIT_DRIZZLE;
		free(rel);
		free(fs);
		free(disp);
	}
	names_free(&subs);
	return 0;
}

static void
folder_free(struct ml_folder *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n_files; i++)
	{
		free(f->files[i].fs_path);
		free(f->files[i].display);
		free(f->files[i].override);
	}
	free(f->files);
	free(f->fs_root);
	free(f->display_root);
	free(f->real_root);
	free(f);
}

/* Opens a directory as a folder; every file is selected when 'select_all'. */
static int
folder_open(struct ml_folder **out, const char *dir, const char *display, bool select_all,
			struct ml_error *err)
{
	struct ml_folder *f = calloc(1, sizeof(*f));
	struct names sql = {0};
	char real[PATH_MAX];
	int rc = 0;

	if (f == NULL)
		ml_fatal_oom();
	f->fs_root = ml_xstrdup(dir);
	f->display_root = strip_slashes(display);
	f->real_root = ml_xstrdup(realpath(dir, real) ? real : dir);
	f->kind = ml_folder_classify_dir(dir);
	if (f->kind == ML_FOLDER_DRIZZLE_V1)
		rc = load_v1(f, err);
	else
	{
		rc = list_sql(&sql, dir, f->display_root, err);
		if (rc == 0 && f->kind == ML_FOLDER_DRIZZLE)
			load_drizzle(f, &sql);
		else if (rc == 0)
		{
			if (sql.n > 1)
				qsort(sql.items, sql.n, sizeof(char *), cmp_plain);
			for (size_t i = 0; i < sql.n; i++)
			{
				char *fs = join(dir, sql.items[i]);
				char *disp = join(f->display_root, sql.items[i]);

				add_file(f, fs, disp)->down = ends_with(sql.items[i], ".down.sql");
				free(fs);
				free(disp);
			}
		}
	}
	names_free(&sql);
	/* A Drizzle folder whose files are all gone still has a journal to report on. */
	if (rc == 0 && f->n_files == 0 && f->kind != ML_FOLDER_DRIZZLE)
	{
		rc = ml_error_set(err, ML_EINPUT, "directory \"%s\" has no .sql files", f->display_root);
		ml_error_detail(err, "miglint lints a Drizzle folder (with meta/_journal.json), a "
							 "folder of .sql files, or .sql files named one by one.");
	}
	if (rc != 0)
	{
		folder_free(f);
		return rc;
	}
	for (size_t i = 0; i < f->n_files; i++)
		f->files[i].selected = select_all;
	f->named = select_all;
	*out = f;
	return 0;
}

void
ml_inputs_init(struct ml_inputs *in)
{
	in->folders = NULL;
	in->n_folders = 0;
}

void
ml_inputs_cleanup(struct ml_inputs *in)
{
	for (size_t i = 0; i < in->n_folders; i++)
		folder_free(in->folders[i]);
	free(in->folders);
	ml_inputs_init(in);
}

static void
inputs_push(struct ml_inputs *in, struct ml_folder *f)
{
	struct ml_folder **p = realloc(in->folders, (in->n_folders + 1) * sizeof(*p));

	if (p == NULL)
		ml_fatal_oom();
	in->folders = p;
	in->folders[in->n_folders++] = f;
}

static struct ml_folder *
single(const char *fs_path, const char *display)
{
	struct ml_folder *f = calloc(1, sizeof(*f));

	if (f == NULL)
		ml_fatal_oom();
	f->kind = ML_FOLDER_SINGLE;
	f->fs_root = fs_path ? ml_xstrdup(fs_path) : NULL;
	f->display_root = ml_xstrdup(display);
	struct ml_migration *m = add_file(f, fs_path, display);

	m->selected = true;
	m->named = true;
	return f;
}

/* The Drizzle folder a file belongs to, or NULL: its directory (0.x) or grandparent (1.0). */
static char *
drizzle_context(const char *path)
{
	char *dir = dir_of(path);
	char *parent;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	if (ml_folder_classify_dir(dir) == ML_FOLDER_DRIZZLE)
		return dir;
	if (strcmp(base, "migration.sql") == 0)
	{
		parent = dir_of(dir);
		if (strcmp(parent, dir) != 0 && ml_folder_classify_dir(parent) == ML_FOLDER_DRIZZLE_V1)
		{
			free(dir);
			return parent;
		}
		free(parent);
	}
	free(dir);
	return NULL;
}

/* Selects 'path' in its Drizzle folder 'root' (opened once); false when it is not listed. */
static bool
select_in_folder(struct ml_inputs *in, const char *root, const char *path, struct ml_error *err)
{
	char real_root[PATH_MAX], real_file[PATH_MAX];
	struct ml_folder *f = NULL;

	if (realpath(root, real_root) == NULL || realpath(path, real_file) == NULL)
		return false;
	for (size_t i = 0; i < in->n_folders && f == NULL; i++)
		if (in->folders[i]->kind != ML_FOLDER_SINGLE &&
			strcmp(in->folders[i]->real_root, real_root) == 0)
			f = in->folders[i];
	if (f == NULL)
	{
		if (folder_open(&f, root, root, false, err) != 0)
			return false;
		inputs_push(in, f);
	}
	for (size_t i = 0; i < f->n_files; i++)
	{
		char real[PATH_MAX];

		if (f->files[i].fs_path != NULL && realpath(f->files[i].fs_path, real) != NULL &&
			strcmp(real, real_file) == 0)
		{
			f->files[i].selected = true;
			f->files[i].named = true;
			free(f->files[i].display);
			f->files[i].display = ml_xstrdup(path);
			return true;
		}
	}
	return false;
}

/*
 * A Drizzle meta file named alone (pre-commit passes meta/_journal.json, a snapshot, or a
 * 1.0 folder's snapshot.json): its folder is opened, its folder rules run, and no .sql file
 * is selected. False when 'path' is not such a file.
 */
static bool
meta_file_folder(struct ml_inputs *in, const char *path, struct ml_error *err)
{
	char *dir, *root = NULL, real_root[PATH_MAX];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct ml_folder *f = NULL;
	enum ml_folder_kind kind = ML_FOLDER_PLAIN;

	if (!ends_with(base, ".json"))
		return false;
	dir = dir_of(path);
	if (strcmp(base, "snapshot.json") == 0)
	{
		root = dir_of(dir);
		kind = ML_FOLDER_DRIZZLE_V1;
	}
	else
	{
		const char *dbase = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;

		if (strcmp(dbase, "meta") == 0)
		{
			root = dir_of(dir);
			kind = ml_folder_classify_dir(root);
		}
	}
	free(dir);
	if (root == NULL || ml_folder_classify_dir(root) != kind ||
		(kind != ML_FOLDER_DRIZZLE && kind != ML_FOLDER_DRIZZLE_V1) ||
		realpath(root, real_root) == NULL)
	{
		free(root);
		return false;
	}
	for (size_t i = 0; i < in->n_folders && f == NULL; i++)
		if (in->folders[i]->kind != ML_FOLDER_SINGLE && strcmp(in->folders[i]->real_root, real_root) == 0)
			f = in->folders[i];
	if (f == NULL)
	{
		if (folder_open(&f, root, root, false, err) != 0)
		{
			free(root);
			return false;
		}
		inputs_push(in, f);
	}
	f->named = true;
	free(root);
	return true;
}

bool
ml_folder_is_meta_file(const char *path)
{
	struct ml_inputs probe;
	struct ml_error err;
	bool yes;

	ml_inputs_init(&probe);
	yes = meta_file_folder(&probe, path, &err);
	ml_inputs_cleanup(&probe);
	return yes;
}

int
ml_inputs_add(struct ml_inputs *in, const char *path, const char *stdin_name,
			  struct ml_error *err)
{
	struct stat st;
	struct ml_folder *f = NULL;
	char *ctx;
	int rc;

	if (strcmp(path, "-") == 0)
	{
		const char *name = stdin_name ? stdin_name : "<stdin>";

		f = single(NULL, name);
		/* An editor names the buffer: lint it as that file of its Drizzle folder would be. */
		if (stdin_name != NULL && (ctx = drizzle_context(stdin_name)) != NULL)
		{
			struct ml_folder *dz = NULL;

			if (folder_open(&dz, ctx, ctx, false, err) == 0)
			{
				const char *base = strrchr(stdin_name, '/') ? strrchr(stdin_name, '/') + 1
															: stdin_name;

				for (size_t i = 0; i < dz->n_files; i++)
				{
					const char *fb = strrchr(dz->files[i].display, '/');

					fb = fb ? fb + 1 : dz->files[i].display;
					if (strcmp(fb, base) == 0 && dz->files[i].journaled)
						f->files[0].mode = ML_SPLIT_DRIZZLE;
				}
				folder_free(dz);
			}
			free(ctx);
		}
		inputs_push(in, f);
		return 0;
	}
	if (stat(path, &st) != 0)
		return ml_error_set(err, ML_EIO, "could not open \"%s\": %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
	{
		char real[PATH_MAX];

		/* A folder named twice, or after one of its files, is linted once. */
		if (realpath(path, real) != NULL)
			for (size_t i = 0; i < in->n_folders; i++)
				if (in->folders[i]->kind != ML_FOLDER_SINGLE &&
					strcmp(in->folders[i]->real_root, real) == 0)
				{
					for (size_t k = 0; k < in->folders[i]->n_files; k++)
						in->folders[i]->files[k].selected = true;
					in->folders[i]->named = true;
					return 0;
				}
		rc = folder_open(&f, path, path, true, err);
		if (rc != 0)
			return rc;
		inputs_push(in, f);
		return 0;
	}
	if (meta_file_folder(in, path, err))
		return 0;
	ctx = drizzle_context(path);
	if (ctx != NULL)
	{
		struct ml_error ignored;
		bool found = select_in_folder(in, ctx, path, &ignored);

		free(ctx);
		if (found)
			return 0;
	}
	inputs_push(in, single(path, path));
	return 0;
}
