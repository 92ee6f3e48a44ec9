/* SPDX-License-Identifier: MIT */
/*
 * arena.c
 *	  The bump allocator behind every per-file allocation.
 *
 * Blocks are chained; a request larger than a block gets a block of its own, so a 30 MB
 * file costs one allocation, not a doubling series.
 */
#include "miglint/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

struct block
{
	struct block *next;
	size_t size;
	size_t used;
	_Alignas(ALIGN) unsigned char data[];
};

struct ml_arena
{
	struct block *head;
	size_t total;
};

void
ml_fatal_oom(void)
{
	fputs("miglint: out of memory\n", stderr);
	abort();
}

char *
ml_xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		ml_fatal_oom();
	return p;
}

struct ml_arena *
ml_arena_create(void)
{
	struct ml_arena *arena = calloc(1, sizeof(*arena));

	if (arena == NULL)
		ml_fatal_oom();
	return arena;
}

void
ml_arena_destroy(struct ml_arena *arena)
{
	struct block *b;

	if (arena == NULL)
		return;
	b = arena->head;
	while (b != NULL)
	{
		struct block *next = b->next;

		free(b);
		b = next;
	}
	free(arena);
}

void *
ml_arena_alloc(struct ml_arena *arena, size_t size)
{
	struct block *b = arena->head;
	size_t rounded;
	void *p;

	if (size > SIZE_MAX - ALIGN)
		ml_fatal_oom();
	rounded = (size + ALIGN - 1) & ~(size_t) (ALIGN - 1);
	if (rounded == 0)
		rounded = ALIGN;
	if (b == NULL || b->size - b->used < rounded)
	{
		size_t bsize = rounded > BLOCK_SIZE / 4 ? rounded : BLOCK_SIZE;
		struct block *nb = malloc(sizeof(*nb) + bsize);

		if (nb == NULL)
			ml_fatal_oom();
		nb->size = bsize;
		nb->used = 0;
		/* A big private block goes behind the head so the head keeps its free space. */
		if (b != NULL && bsize != BLOCK_SIZE)
		{
			nb->next = b->next;
			b->next = nb;
		}
		else
		{
			nb->next = b;
			arena->head = nb;
		}
		b = nb;
	}
	p = b->data + b->used;
	b->used += rounded;
	arena->total += rounded;
	memset(p, 0, size);
	return p;
}

char *
ml_arena_strndup(struct ml_arena *arena, const char *s, size_t len)
{
	char *p = ml_arena_alloc(arena, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
ml_arena_strdup(struct ml_arena *arena, const char *s)
{
	return ml_arena_strndup(arena, s, strlen(s));
}

/*
 * printf into the arena: straight into the head block's free space when the text fits there
 * (one formatting pass, the common case), else measured first and formatted again.
 */
char *
ml_arena_vprintf(struct ml_arena *arena, const char *fmt, va_list ap)
{
	struct block *b = arena->head;
	va_list ap2;
	int n;
	char *p;

	if (b != NULL && b->size > b->used)
	{
		size_t room = b->size - b->used;

		p = (char *) b->data + b->used;
		va_copy(ap2, ap);
		n = vsnprintf(p, room, fmt, ap2);
		va_end(ap2);
		if (n >= 0 && (size_t) n < room)
		{
			/* Blocks and their use are multiples of ALIGN, so the rounded size still fits. */
			size_t rounded = ((size_t) n + 1 + ALIGN - 1) & ~(size_t) (ALIGN - 1);

			b->used += rounded;
			arena->total += rounded;
			return p;
		}
	}
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	p = ml_arena_alloc(arena, (size_t) n + 1);
	vsnprintf(p, (size_t) n + 1, fmt, ap);
	return p;
}

char *
ml_arena_printf(struct ml_arena *arena, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = ml_arena_vprintf(arena, fmt, ap);
	va_end(ap);
	return p;
}

size_t
ml_arena_used(const struct ml_arena *arena)
{
	return arena->total;
}

static void *
pb_alloc(void *data, size_t size)
{
	return ml_arena_alloc(data, size);
}

static void
pb_free(void *data, void *ptr)
{
	(void) data;
	(void) ptr;
}

ProtobufCAllocator
ml_arena_protobuf_allocator(struct ml_arena *arena)
{
	ProtobufCAllocator a = {.alloc = pb_alloc, .free = pb_free, .allocator_data = arena};

	return a;
}
