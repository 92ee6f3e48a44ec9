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
	ml_strbuf_add(sb, &c, 1);
}

void
ml_strbuf_printf(struct ml_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

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
