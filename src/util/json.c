/* SPDX-License-Identifier: MIT */
/*
 * json.c
 *	  Positions for cJSON values (see json.h).
 *
 * The walk accepts what cJSON accepted (it only runs on a document cJSON parsed), so it
 * can be simple: it skips strings with their escapes and scalars by their characters, and
 * records, in pre-order, the start and end of each value and the start of each key.
 */
#include "miglint/json.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"

/*
 * cJSON allocates through process-wide hooks. They hand out memory from this thread's
 * 'parse_arena' while ml_json_parse_in runs (and then free nothing), and are malloc and free
 * at every other time, so every other use of cJSON is unchanged.
 */
static __thread struct ml_arena *parse_arena;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void *
hook_malloc(size_t size)
{
	return parse_arena != NULL ? ml_arena_alloc(parse_arena, size) : malloc(size);
}

static void
hook_free(void *p)
{
	if (parse_arena == NULL)
		free(p);
}

static void
install_hooks(void)
{
	cJSON_Hooks hooks = {hook_malloc, hook_free};

	cJSON_InitHooks(&hooks);
}

struct ml_json_pos
{
	const cJSON *item;
	uint32_t value;
	uint32_t end;
	uint32_t key;
};

struct span
{
	uint32_t value;
	uint32_t end;
	uint32_t key;
};

struct walker
{
	const char *s;
	size_t len;
	size_t i;
	struct span *spans;
	size_t n;
	size_t cap;
};

static void
skip_ws(struct walker *w)
{
	/* cJSON skips every byte up to 0x20, so the walk must too. */
	while (w->i < w->len && (unsigned char) w->s[w->i] <= 0x20)
		w->i++;
}

static void
skip_string(struct walker *w)
{
	w->i++; /* the opening quote */
	while (w->i < w->len && w->s[w->i] != '"')
		w->i += w->s[w->i] == '\\' ? 2 : 1;
	w->i++;
}

static size_t
new_span(struct walker *w, size_t key)
{
	if (w->n == w->cap)
	{
		w->cap = w->cap ? w->cap * 2 : 64;
		w->spans = realloc(w->spans, w->cap * sizeof(*w->spans));
		if (w->spans == NULL)
			ml_fatal_oom();
	}
	w->spans[w->n].value = (uint32_t) w->i;
	w->spans[w->n].key = (uint32_t) key;
	w->spans[w->n].end = (uint32_t) w->i;
	return w->n++;
}

/* One value at w->i (whitespace skipped); 'key' is its member key's offset or its own. */
static void
walk_value(struct walker *w, size_t key)
{
	size_t me = new_span(w, key);
	char c = w->i < w->len ? w->s[w->i] : '\0';

	if (c == '{' || c == '[')
	{
		char close = c == '{' ? '}' : ']';

		w->i++;
		for (;;)
		{
			size_t k;

			skip_ws(w);
			if (w->i >= w->len || w->s[w->i] == close)
				break;
			k = w->i;
			if (c == '{')
			{
				skip_string(w);
				skip_ws(w);
				w->i++; /* ':' */
				skip_ws(w);
			}
			walk_value(w, k);
			skip_ws(w);
			if (w->i < w->len && w->s[w->i] == ',')
				w->i++;
		}
		w->i++;
	}
	else if (c == '"')
		skip_string(w);
	else
		while (w->i < w->len && strchr(",]}", w->s[w->i]) == NULL &&
			   (unsigned char) w->s[w->i] > 0x20)
			w->i++;
	w->spans[me].end = (uint32_t) w->i;
}

static size_t
hash_ptr(const void *p, size_t cap)
{
	uintptr_t v = (uintptr_t) p;

	v ^= v >> 17;
	v *= 0x9E3779B97F4A7C15ull;
	return (size_t) (v >> 7) & (cap - 1);
}

static void
put(struct ml_json *j, const cJSON *item, const struct span *sp)
{
	size_t h = hash_ptr(item, j->cap);

	while (j->pos[h].item != NULL)
		h = (h + 1) & (j->cap - 1);
	j->pos[h].item = item;
	j->pos[h].value = sp->value;
	j->pos[h].end = sp->end;
	j->pos[h].key = sp->key;
}

/* Pairs cJSON's tree with the spans, both in pre-order. */
static void
pair(struct ml_json *j, const cJSON *item, const struct span *spans, size_t n, size_t *k)
{
	const cJSON *child;

	if (*k >= n)
		return;
	put(j, item, &spans[(*k)++]);
	if (cJSON_IsObject(item) || cJSON_IsArray(item))
		for (child = item->child; child != NULL; child = child->next)
			pair(j, child, spans, n, k);
}

void
ml_json_parse(struct ml_json *out, const struct ml_source *src)
{
	const char *end = NULL;

	memset(out, 0, sizeof(*out));
	/* len + 1: cJSON wants the terminating NUL inside the length to reject trailing text. */
	out->root = cJSON_ParseWithLengthOpts(src->data, src->len + 1, &end, 1);
	if (out->root == NULL)
	{
		out->error_at = end != NULL && end >= src->data ? (size_t) (end - src->data) : 0;
		if (out->error_at > src->len)
			out->error_at = src->len;
		return;
	}
	out->text = src->data;
	out->len = src->len;
}

void
ml_json_init(void)
{
	pthread_once(&hooks_once, install_hooks);
}

void
ml_json_parse_in(struct ml_json *out, const struct ml_source *src, struct ml_arena *arena)
{
	/* Normally a no-op: ml_lint_run installed the hooks before it started any thread. */
	ml_json_init();
	parse_arena = arena;
	ml_json_parse(out, src);
	parse_arena = NULL;
	out->in_arena = true;
}

/* Builds the position table on first use: most documents never need a position. */
static void
build_positions(struct ml_json *j)
{
	struct walker w = {0};
	size_t k = 0;

	w.s = j->text;
	w.len = j->len;
	skip_ws(&w);
	walk_value(&w, w.i);
	j->cap = 16;
	while (j->cap < w.n * 2)
		j->cap *= 2;
	j->pos = calloc(j->cap, sizeof(*j->pos));
	if (j->pos == NULL)
		ml_fatal_oom();
	pair(j, j->root, w.spans, w.n, &k);
	free(w.spans);
}

void
ml_json_cleanup(struct ml_json *j)
{
	if (!j->in_arena)
		cJSON_Delete(j->root);
	free(j->pos);
	memset(j, 0, sizeof(*j));
}

static const struct ml_json_pos *
find(const struct ml_json *j, const cJSON *item)
{
	size_t h;

	if (j->root == NULL || item == NULL)
		return NULL;
	if (j->pos == NULL)
		build_positions((struct ml_json *) j);
	for (h = hash_ptr(item, j->cap); j->pos[h].item != NULL; h = (h + 1) & (j->cap - 1))
		if (j->pos[h].item == item)
			return &j->pos[h];
	return NULL;
}

const cJSON *
ml_json_member(const cJSON *obj, const char *key)
{
	const cJSON *found = NULL, *c;

	if (!cJSON_IsObject(obj))
		return NULL;
	for (c = obj->child; c != NULL; c = c->next)
		if (c->string != NULL && strcmp(c->string, key) == 0)
			found = c;
	return found;
}

size_t
ml_json_offset(const struct ml_json *j, const cJSON *item)
{
	const struct ml_json_pos *p = find(j, item);

	return p ? p->value : 0;
}

size_t
ml_json_key_offset(const struct ml_json *j, const cJSON *item)
{
	const struct ml_json_pos *p = find(j, item);

	return p ? p->key : 0;
}

size_t
ml_json_end_offset(const struct ml_json *j, const cJSON *item)
{
	const struct ml_json_pos *p = find(j, item);

	return p ? p->end : 0;
}
