/* SPDX-License-Identifier: MIT */
/*
 * strmap.h
 *	  A string -> pointer hash table (open addressing), for name lookups and string pools.
 *
 * Keys are borrowed: the caller keeps them alive as long as they are in the table.
 */
#ifndef MIGLINT_STRMAP_H
#define MIGLINT_STRMAP_H

struct ml_strmap;
struct ml_arena;

struct ml_strmap *ml_strmap_create(void);
void ml_strmap_destroy(struct ml_strmap *map);

/* Sets (or replaces) the value of 'key'. */
void ml_strmap_set(struct ml_strmap *map, const char *key, void *value);

/* The value of 'key', or NULL. */
void *ml_strmap_get(const struct ml_strmap *map, const char *key);

/* Removes 'key' if present. */
void ml_strmap_remove(struct ml_strmap *map, const char *key);

/*
 * The one copy of 'text' in a map used as a string pool (each key its own value): made in
 * 'arena' and added on first use. Borrowed from the arena.
 */
const char *ml_strmap_intern(struct ml_strmap *map, struct ml_arena *arena, const char *text);

#endif
