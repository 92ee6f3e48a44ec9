/* SPDX-License-Identifier: MIT */
/*
 * parse_cache.h
 *	  A content-addressed cache of libpg_query's results, one entry per file.
 *
 * An entry is a file's tape (pgq.h): every libpg_query result its parse needed, packed. It is
 * keyed by sha256 of the file's bytes, its split mode, miglint's version and the libpg_query
 * in use, so an edited file, another parser or another miglint is a miss, never a stale hit.
 * One entry per file rather than per chunk: a folder of 200,000 statements would otherwise
 * be 200,000 tiny files. Entries are written to a temporary name and renamed, so processes
 * sharing the directory see whole entries or none; each carries a checksum, and a corrupt
 * or truncated one is a miss. The directory is bounded: a run that wrote entries deletes
 * the least recently used ones beyond the bound, down to 80% of it (at most every ten
 * minutes, unless the run wrote a twentieth of the bound). Every function is safe to
 * call from several threads; a cache that cannot be used caches nothing.
 */
#ifndef MIGLINT_PARSE_CACHE_H
#define MIGLINT_PARSE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "miglint/sql.h"

/* The size the cache directory is pruned to stay under (MIGLINT_CACHE_MAX_MB overrides). */
#define ML_PARSE_CACHE_MAX_BYTES ((long long) 1024 * 1024 * 1024)

#define ML_PARSE_CACHE_KEY_BYTES 32

/*
 * Smaller files are parsed, not cached: their parse costs about what reading an entry does,
 * and writing one costs more (measured on tambo's folder: 95 files of 540 bytes on average).
 */
#define ML_PARSE_CACHE_MIN_BYTES 2048

struct ml_parse_cache;

/*
 * Opens the cache in 'dir', creating it. NULL when it cannot be created or written; the
 * reason goes into 'why' (a static string) when it is not NULL.
 */
struct ml_parse_cache *ml_parse_cache_open(const char *dir, const char **why);

/* The default directory: $XDG_CACHE_HOME/miglint, else $HOME/.cache/miglint (malloc'd), or NULL. */
char *ml_parse_cache_default_dir(void);

/* The key of a file with these bytes, parsed in split mode 'mode'. */
void ml_parse_cache_key(unsigned char key[ML_PARSE_CACHE_KEY_BYTES], const char *bytes,
						size_t len, int mode);

/* The entry for 'key' into *data (malloc'd) and *len; false on a miss or a corrupt entry. */
bool ml_parse_cache_get(struct ml_parse_cache *c, const unsigned char key[ML_PARSE_CACHE_KEY_BYTES],
						char **data, size_t *len);

/* Stores an entry; failures (a full disk, a read-only directory) only mean no entry. */
void ml_parse_cache_put(struct ml_parse_cache *c, const unsigned char key[ML_PARSE_CACHE_KEY_BYTES],
						const char *data, size_t len);

/*
 * ml_file_parse through the cache 'c' (NULL, or a file under ML_PARSE_CACHE_MIN_BYTES:
 * straight to libpg_query): a hit replays the entry's results, a miss parses and stores
 * them. The file is the same either way.
 */
void ml_file_parse_cached(struct ml_parse_cache *c, struct ml_file *file, struct ml_arena *arena,
						  const struct ml_source *src, enum ml_split_mode mode);

/* Prunes the directory if this run wrote to it, and frees 'c' (NULL is fine). */
void ml_parse_cache_close(struct ml_parse_cache *c);

#endif
