/* SPDX-License-Identifier: MIT */
/*
 * arena.h
 *	  A bump allocator: everything allocated for one linted file is freed in one call.
 *
 * The source bytes, the line table, the chunks, the tokens and the unpacked typed AST of a
 * file all live in its arena (STYLE.md §5). Allocation never returns NULL: running out of
 * memory prints one line and aborts (ml_fatal_oom), as there is nothing useful to lint then.
 */
#ifndef MIGLINT_ARENA_H
#define MIGLINT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include <protobuf-c/protobuf-c.h>

struct ml_arena;

/* Creates an empty arena. Owned: free it with ml_arena_destroy(). */
struct ml_arena *ml_arena_create(void);

/* Frees the arena and everything allocated in it. Accepts NULL. */
void ml_arena_destroy(struct ml_arena *arena);

/* Returns 'size' zeroed bytes aligned for any type; borrowed from the arena. */
void *ml_arena_alloc(struct ml_arena *arena, size_t size);

/* Copies 'len' bytes of 's' and adds a NUL. Borrowed from the arena. */
char *ml_arena_strndup(struct ml_arena *arena, const char *s, size_t len);
char *ml_arena_strdup(struct ml_arena *arena, const char *s);

/* printf into the arena. Borrowed from the arena. */
char *ml_arena_printf(struct ml_arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *ml_arena_vprintf(struct ml_arena *arena, const char *fmt, va_list ap);

/* Bytes handed out so far (for the caps and the benchmark). */
size_t ml_arena_used(const struct ml_arena *arena);

/*
 * A protobuf-c allocator that allocates in 'arena' and never frees, so that
 * pg_query__parse_result__unpack() unpacks the typed AST straight into the arena.
 */
ProtobufCAllocator ml_arena_protobuf_allocator(struct ml_arena *arena);

/* Prints "miglint: out of memory" and aborts. */
void ml_fatal_oom(void) __attribute__((noreturn));

/* strdup() on the heap, for data that outlives an arena; aborts when out of memory. */
char *ml_xstrdup(const char *s);

#endif
