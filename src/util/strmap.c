/* SPDX-License-Identifier: MIT */
/*
 * strmap.c
 *	  Open-addressing string hash table with tombstones; grows at 50% load.
 */
#include "miglint/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"

static const char TOMBSTONE[] = "";

struct slot
{
	const char *key; /* NULL: empty; TOMBSTONE: removed */
	void *value;
};

struct ml_strmap
{
	struct slot *slots;
	size_t cap;
	size_t used; /* live + tombstones */
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char) *s) * 1099511628211ull;
	return h;
}

struct ml_strmap *
ml_strmap_create(void)
{
	struct ml_strmap *m = calloc(1, sizeof(*m));

	if (m == NULL)
		ml_fatal_oom();
	m->cap = 64;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (m->slots == NULL)
		ml_fatal_oom();
	return m;
}

void
ml_strmap_destroy(struct ml_strmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

static void
grow(struct ml_strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;

	m->cap *= 2;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (m->slots == NULL)
		ml_fatal_oom();
	m->used = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL && old[i].key != TOMBSTONE)
			ml_strmap_set(m, old[i].key, old[i].value);
	free(old);
}

void
ml_strmap_set(struct ml_strmap *m, const char *key, void *value)
{
	size_t i, tomb = SIZE_MAX;

	if ((m->used + 1) * 2 > m->cap)
		grow(m);
	for (i = hash(key) & (m->cap - 1); m->slots[i].key != NULL; i = (i + 1) & (m->cap - 1))
	{
		if (m->slots[i].key == TOMBSTONE)
		{
			if (tomb == SIZE_MAX)
				tomb = i;
			continue;
		}
		if (strcmp(m->slots[i].key, key) == 0)
		{
			m->slots[i].key = key;
			m->slots[i].value = value;
			return;
		}
	}
	if (tomb != SIZE_MAX)
		i = tomb;
	else
		m->used++;
	m->slots[i].key = key;
	m->slots[i].value = value;
}

static struct slot *
find(const struct ml_strmap *m, const char *key)
{
	for (size_t i = hash(key) & (m->cap - 1); m->slots[i].key != NULL; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].key != TOMBSTONE && strcmp(m->slots[i].key, key) == 0)
			return &m->slots[i];
	return NULL;
}

void *
ml_strmap_get(const struct ml_strmap *m, const char *key)
{
	struct slot *s = find(m, key);

	return s ? s->value : NULL;
}

void
ml_strmap_remove(struct ml_strmap *m, const char *key)
{
	struct slot *s = find(m, key);

	if (s != NULL)
	{
		s->key = TOMBSTONE;
		s->value = NULL;
	}
}

const char *
ml_strmap_intern(struct ml_strmap *map, struct ml_arena *arena, const char *text)
{
	char *copy = ml_strmap_get(map, text);

	if (copy == NULL)
	{
		copy = ml_arena_strdup(arena, text);
		ml_strmap_set(map, copy, copy);
	}
	return copy;
}
