/* SPDX-License-Identifier: MIT */
/*
 * strbuf.h
 *	  A growable byte buffer for output (reporters) and for reading stdin.
 *
 * Embedded by the caller: ml_strbuf_init / ml_strbuf_cleanup (curl's dynbuf). Growth is
 * geometric, so writing N bytes costs O(N) in all.
 */
#ifndef MIGLINT_STRBUF_H
#define MIGLINT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct ml_strbuf
{
	char *data; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

void ml_strbuf_init(struct ml_strbuf *sb);
void ml_strbuf_cleanup(struct ml_strbuf *sb);
void ml_strbuf_add(struct ml_strbuf *sb, const char *s, size_t len);
void ml_strbuf_puts(struct ml_strbuf *sb, const char *s);
void ml_strbuf_putc(struct ml_strbuf *sb, char c);
void ml_strbuf_printf(struct ml_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Writes the text to 'out' and empties the buffer once it holds 'at' bytes or more: a
 * reporter calls it after each finding, so the whole report is never held in memory.
 */
void ml_strbuf_flush_at(struct ml_strbuf *sb, FILE *out, size_t at);

/* Takes the buffer; the caller frees it with free(). The strbuf is left empty. */
char *ml_strbuf_detach(struct ml_strbuf *sb);

#endif
