/* SPDX-License-Identifier: MIT */
/*
 * parse_cache.c
 *	  A content-addressed cache of libpg_query's results, one entry per file (see
 *	  parse_cache.h).
 *
 * Layout: <dir>/v1/<first two hex digits of the key>/<the key in hex>. An entry is a header
 * (magic, the key again, payload length, checksum of the payload) and the payload. The
 * checksum (ml_hash64) is fast, not cryptographic: it detects a truncated or damaged file.
 * Like any cache of parse results, the directory must be trusted: an entry crafted with valid
 * checksums could still change what is linted. <dir>/v1/.pruned records the last pruning.
 */
#include "miglint/parse_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "miglint/arena.h"
#include "miglint/hash.h"
#include "miglint/pgq.h"
#include "miglint/sha256.h"

#define MAGIC "MLPCACH1"

/* No entry miglint writes comes near it (files are at most 32 MiB); a bigger one is a miss. */
#define MAX_ENTRY_BYTES ((uint64_t) 1024 * 1024 * 1024)

struct header
{
	char magic[8];
	unsigned char key[ML_PARSE_CACHE_KEY_BYTES]; /* an entry under another name is no hit */
	uint64_t len;
	uint64_t checksum;
};

struct ml_parse_cache
{
	char *root; /* <dir>/v1 */
	long long max_bytes;
	pthread_mutex_t lock;
	bool wrote;
	long long written; /* bytes this run wrote */
};

/* mkdir -p for the last two levels at most: 'path' and its parent. */
static bool
make_dir(const char *path)
{
	char parent[4096];
	char *slash;

	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return true;
	if (errno != ENOENT || strlen(path) >= sizeof(parent))
		return false;
	strcpy(parent, path);
	slash = strrchr(parent, '/');
	if (slash == NULL || slash == parent)
		return false;
	*slash = '\0';
	if (!make_dir(parent))
		return false;
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

char *
ml_parse_cache_default_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *out = NULL;

	/* The XDG spec: a relative $XDG_CACHE_HOME is invalid and ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return asprintf(&out, "%s/miglint", xdg) < 0 ? NULL : out;
	if (home != NULL && home[0] == '/')
		return asprintf(&out, "%s/.cache/miglint", home) < 0 ? NULL : out;
	return NULL;
}

/* The bound: MIGLINT_CACHE_MAX_MB when it is a positive number of MiB, else the default. */
static long long
max_bytes(void)
{
	const char *env = getenv("MIGLINT_CACHE_MAX_MB");
	char *end;
	long long mb;

	if (env == NULL || env[0] < '0' || env[0] > '9')
		return ML_PARSE_CACHE_MAX_BYTES;
	errno = 0;
	mb = strtoll(env, &end, 10);
	if (errno != 0 || *end != '\0' || mb <= 0 || mb > 1024 * 1024)
		return ML_PARSE_CACHE_MAX_BYTES;
	return mb * 1024 * 1024;
}

struct ml_parse_cache *
ml_parse_cache_open(const char *dir, const char **why)
{
	struct ml_parse_cache *c;
	char *root;

	if (asprintf(&root, "%s/v1", dir) < 0)
		ml_fatal_oom();
	if (!make_dir(root))
	{
		if (why != NULL)
			*why = "it cannot be created";
		free(root);
		return NULL;
	}
	if (access(root, W_OK | X_OK) != 0)
	{
		if (why != NULL)
			*why = "it is not writable";
		free(root);
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		ml_fatal_oom();
	c->root = root;
	c->max_bytes = max_bytes();
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void
ml_parse_cache_key(unsigned char key[ML_PARSE_CACHE_KEY_BYTES], const char *bytes, size_t len,
				   int mode)
{
	struct ml_sha256 h;
	const char *id = ml_pgq_identity();
	unsigned char m = (unsigned char) mode;

	ml_sha256_init(&h);
	ml_sha256_update(&h, MAGIC MIGLINT_VERSION, sizeof(MAGIC MIGLINT_VERSION));
	ml_sha256_update(&h, id, strlen(id) + 1);
	ml_sha256_update(&h, &m, 1);
	ml_sha256_update(&h, bytes, len);
	ml_sha256_final(&h, key);
}

/* <root>/<hh>/<hex>, and <root>/<hh> in 'dir' when it is not NULL. */
static void
entry_path(const struct ml_parse_cache *c, const unsigned char key[ML_PARSE_CACHE_KEY_BYTES],
		   char *path, size_t size, char *dir, size_t dir_size)
{
	char hex[2 * ML_PARSE_CACHE_KEY_BYTES + 1];

	for (size_t i = 0; i < ML_PARSE_CACHE_KEY_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", key[i]);
	snprintf(path, size, "%s/%.2s/%s", c->root, hex, hex);
	if (dir != NULL)
		snprintf(dir, dir_size, "%s/%.2s", c->root, hex);
}

/* Reads exactly 'len' bytes. */
static bool
read_all(int fd, char *buf, size_t len)
{
	while (len > 0)
	{
		ssize_t n = read(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t) n;
	}
	return true;
}

static bool
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0)
	{
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t) n;
	}
	return true;
}

bool
ml_parse_cache_get(struct ml_parse_cache *c, const unsigned char key[ML_PARSE_CACHE_KEY_BYTES],
				   char **data, size_t *len)
{
	char path[4096];
	struct header h;
	struct stat st;
	char *buf = NULL;
	bool ok = false;
	int fd;

	*data = NULL;
	*len = 0;
	entry_path(c, key, path, sizeof(path), NULL, 0);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t) st.st_size >= sizeof(h) &&
		read_all(fd, (char *) &h, sizeof(h)) && memcmp(h.magic, MAGIC, 8) == 0 &&
		memcmp(h.key, key, ML_PARSE_CACHE_KEY_BYTES) == 0 &&
		h.len == (uint64_t) st.st_size - sizeof(h) && h.len <= MAX_ENTRY_BYTES &&
		(buf = malloc((size_t) h.len + 1)) != NULL)
		ok = read_all(fd, buf, (size_t) h.len) && ml_hash64(buf, (size_t) h.len) == h.checksum;
	close(fd);
	if (!ok)
	{
		free(buf);
		return false;
	}
	/* Used entries stay young, so pruning deletes the ones nobody reads. */
	if (st.st_mtime < time(NULL) - 3600)
		utimensat(AT_FDCWD, path, NULL, 0);
	*data = buf;
	*len = (size_t) h.len;
	return true;
}

void
ml_parse_cache_put(struct ml_parse_cache *c, const unsigned char key[ML_PARSE_CACHE_KEY_BYTES],
				   const char *data, size_t len)
{
	char path[4096], dir[4096], tmp[4200];
	struct header h;
	bool ok;
	int fd;

	entry_path(c, key, path, sizeof(path), dir, sizeof(dir));
	if (!make_dir(dir))
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return;
	memcpy(h.magic, MAGIC, 8);
	memcpy(h.key, key, ML_PARSE_CACHE_KEY_BYTES);
	h.len = len;
	h.checksum = ml_hash64(data, len);
	ok = write_all(fd, (const char *) &h, sizeof(h)) && write_all(fd, data, len);
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0)
	{
		unlink(tmp);
		return;
	}
	pthread_mutex_lock(&c->lock);
	c->wrote = true;
	c->written += (long long) (sizeof(h) + len);
	pthread_mutex_unlock(&c->lock);
}

/* One file of the cache directory, for pruning. */
struct entry
{
	char *path;
	long long size;
	time_t mtime;
};

static int
cmp_age(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

/* Deletes the oldest entries while the directory is over the bound; stale temporaries too. */
static void
prune(const struct ml_parse_cache *c)
{
	DIR *top = opendir(c->root), *sub;
	struct dirent *de, *fe;
	struct entry *all = NULL;
	size_t n = 0, cap = 0;
	long long total = 0;
	time_t now = time(NULL);

	if (top == NULL)
		return;
	while ((de = readdir(top)) != NULL)
	{
		char dir[4096];

		if (de->d_name[0] == '.' || strlen(de->d_name) != 2)
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", c->root, de->d_name);
		if ((sub = opendir(dir)) == NULL)
			continue;
		while ((fe = readdir(sub)) != NULL)
		{
			struct stat st;
			char *path;

			if (fe->d_name[0] == '.' || asprintf(&path, "%s/%s", dir, fe->d_name) < 0)
				continue;
			if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
				(strstr(fe->d_name, ".tmp.") != NULL && st.st_mtime < now - 3600 &&
				 unlink(path) == 0))
			{
				free(path);
				continue;
			}
			if (n == cap)
			{
				struct entry *more = realloc(all, (cap ? 2 * cap : 256) * sizeof(*all));

				if (more == NULL)
				{
					/* Pruning is optional: without memory, leave the directory as it is. */
					free(path);
					closedir(sub);
					closedir(top);
					for (size_t i = 0; i < n; i++)
						free(all[i].path);
					free(all);
					return;
				}
				all = more;
				cap = cap ? 2 * cap : 256;
			}
			all[n].path = path;
			all[n].size = (long long) st.st_size;
			all[n].mtime = st.st_mtime;
			total += all[n++].size;
		}
		closedir(sub);
	}
	closedir(top);
	if (total > c->max_bytes)
	{
		qsort(all, n, sizeof(*all), cmp_age);
		for (size_t i = 0; i < n && total > c->max_bytes / 10 * 8; i++)
			if (unlink(all[i].path) == 0)
				total -= all[i].size;
	}
	for (size_t i = 0; i < n; i++)
		free(all[i].path);
	free(all);
}

void
ml_file_parse_cached(struct ml_parse_cache *c, struct ml_file *file, struct ml_arena *arena,
					 const struct ml_source *src, enum ml_split_mode mode)
{
	unsigned char key[ML_PARSE_CACHE_KEY_BYTES];
	struct ml_pgq_tape tape;
	struct ml_strbuf rec;
	char *data;
	size_t len;
	bool replayed;

	if (c == NULL || src->len < ML_PARSE_CACHE_MIN_BYTES)
	{
		ml_file_parse(file, arena, src, mode);
		return;
	}
	ml_parse_cache_key(key, src->data, src->len, (int) mode);
	if (ml_parse_cache_get(c, key, &data, &len))
	{
		ml_pgq_replay(&tape, data, len);
		ml_file_parse(file, arena, src, mode);
		replayed = ml_pgq_stop(&tape);
		free(data);
		if (replayed)
			return;
		/* The entry did not fit (libpg_query answered instead): record a good one. */
		arena = ml_arena_create();
		ml_strbuf_init(&rec);
		ml_pgq_record(&tape, &rec);
		ml_file_parse(&(struct ml_file){0}, arena, src, mode);
		ml_arena_destroy(arena);
	}
	else
	{
		ml_strbuf_init(&rec);
		ml_pgq_record(&tape, &rec);
		ml_file_parse(file, arena, src, mode);
	}
	ml_pgq_stop(&tape);
	ml_parse_cache_put(c, key, rec.data != NULL ? rec.data : "", rec.len);
	ml_strbuf_cleanup(&rec);
}

/*
 * Pruning stats every entry, too slow for every pre-commit run: it runs when this run wrote
 * a twentieth of the bound, or when the last pruning (the mtime of <root>/.pruned) is ten
 * minutes old. The directory can exceed its bound by what ten minutes write, no more.
 */
static bool
prune_due(const struct ml_parse_cache *c)
{
	char marker[4096];
	struct stat st;
	int fd;

	snprintf(marker, sizeof(marker), "%s/.pruned", c->root);
	if (c->written < c->max_bytes / 20 && stat(marker, &st) == 0 && st.st_mtime > time(NULL) - 600)
		return false;
	fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	utimensat(AT_FDCWD, marker, NULL, 0);
	return true;
}

void
ml_parse_cache_close(struct ml_parse_cache *c)
{
	if (c == NULL)
		return;
	if (c->wrote && prune_due(c))
		prune(c);
	pthread_mutex_destroy(&c->lock);
	free(c->root);
	free(c);
}
