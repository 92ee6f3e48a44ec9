/* SPDX-License-Identifier: MIT */
/*
 * strmap.h
 *	  A string -> pointer hash table (open addressing), for the catalog's name lookups.
 *
 * Keys are borrowed: the caller keeps them alive as long as they are in the table.
 */
#ifndef MIGLINT_STRMAP_H
#define MIGLINT_STRMAP_H

struct ml_strmap;

struct ml_strmap *ml_strmap_create(void);
void ml_strmap_destroy(struct ml_strmap *map);

/* Sets (or replaces) the value of 'key'. */
void ml_strmap_set(struct ml_strmap *map, const char *key, void *value);

/* The value of 'key', or NULL. */
void *ml_strmap_get(const struct ml_strmap *map, const char *key);

/* Removes 'key' if present. */
void ml_strmap_remove(struct ml_strmap *map, const char *key);

#endif
