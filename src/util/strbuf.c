/* SPDX-License-Identifier: MIT */
/*
 * strbuf.c
 *	  The growable output buffer.
 */
#include "miglint/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"

void
ml_strbuf_init(struct ml_strbuf *sb)
{
	sb->data = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void
ml_strbuf_cleanup(struct ml_strbuf *sb)
{
	free(sb->data);
	ml_strbuf_init(sb);
}

static void
reserve(struct ml_strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t cap = sb->cap ? sb->cap : 256;
	char *p;

	if (need <= sb->cap)
		return;
	while (cap < need)
		cap *= 2;
	p = realloc(sb->data, cap);
	if (p == NULL)
		ml_fatal_oom();
	sb->data = p;
	sb->cap = cap;
}

void
ml_strbuf_add(struct ml_strbuf *sb, const char *s, size_t len)
{
	reserve(sb, len);
	memcpy(sb->data + sb->len, s, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
}

void
ml_strbuf_puts(struct ml_strbuf *sb, const char *s)
{
	ml_strbuf_add(sb, s, strlen(s));
}

void
ml_strbuf_putc(struct ml_strbuf *sb, char c)
{
	if (sb->len + 1 >= sb->cap)
		reserve(sb, 1);
	sb->data[sb->len++] = c;
	sb->data[sb->len] = '\0';
}

void
ml_strbuf_printf(struct ml_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* One pass when the text fits in the room left; else measure, grow and format again. */
	if (sb->cap > sb->len + 1)
	{
		va_start(ap, fmt);
		n = vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
		if (n < 0)
		{
			sb->data[sb->len] = '\0';
			return;
		}
		if ((size_t) n < sb->cap - sb->len)
		{
			sb->len += (size_t) n;
			return;
		}
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	reserve(sb, (size_t) n);
	va_start(ap, fmt);
	vsnprintf(sb->data + sb->len, (size_t) n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t) n;
}

void
ml_strbuf_flush_at(struct ml_strbuf *sb, FILE *out, size_t at)
{
	if (sb->len < at || sb->len == 0)
		return;
	fwrite(sb->data, 1, sb->len, out);
	sb->len = 0;
	sb->data[0] = '\0';
}

char *
ml_strbuf_detach(struct ml_strbuf *sb)
{
	char *p = sb->data;

	if (p == NULL)
	{
		p = calloc(1, 1);
		if (p == NULL)
			ml_fatal_oom();
	}
	ml_strbuf_init(sb);
	return p;
}
