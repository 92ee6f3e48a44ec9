/* SPDX-License-Identifier: MIT */
/*
 * diag.c
 *	  The run's list of diagnostics.
 */
#include "miglint/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/strmap.h"

const char *
ml_severity_name(enum ml_severity sev)
{
	switch (sev)
	{
		case ML_SEVERITY_ERROR:
			return "error";
		case ML_SEVERITY_WARNING:
			return "warning";
		case ML_SEVERITY_INFO:
			return "info";
		case ML_SEVERITY_OFF:
			break;
	}
	return "off";
}

void
ml_diag_list_init(struct ml_diag_list *list)
{
	memset(list, 0, sizeof(*list));
	list->arena = ml_arena_create();
	list->shared = ml_strmap_create();
}

void
ml_diag_list_cleanup(struct ml_diag_list *list)
{
	free(list->items);
	ml_strmap_destroy(list->shared);
	ml_arena_destroy(list->arena);
	memset(list, 0, sizeof(*list));
}

struct ml_diag *
ml_diag_list_add(struct ml_diag_list *list)
{
	struct ml_diag *d;

	if (list->n == list->cap)
	{
		size_t cap = list->cap ? list->cap * 2 : 64;
		struct ml_diag *p = realloc(list->items, cap * sizeof(*p));

		if (p == NULL)
			ml_fatal_oom();
		list->items = p;
		list->cap = cap;
	}
	d = &list->items[list->n++];
	memset(d, 0, sizeof(*d));
	d->list = list;
	d->seq = (uint32_t) list->n;
	return d;
}

static int
cmp_diag(const void *a, const void *b)
{
	const struct ml_diag *x = a, *y = b;
	int c;

	if (x->file_order != y->file_order)
		return x->file_order < y->file_order ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c != 0)
		return c;
	/* Keep report order for the same rule at the same place. */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
ml_diag_list_sort(struct ml_diag_list *list)
{
	if (list->n > 1)
		qsort(list->items, list->n, sizeof(*list->items), cmp_diag);
}

const char *
ml_diag_shared(struct ml_diag *d, const char *text)
{
	return ml_strmap_intern(d->list->shared, d->list->arena, text);
}

/* The printf-style text, kept once in the list (see ml_diag_shared). */
static const char *
shared_vprintf(struct ml_diag *d, const char *fmt, va_list ap)
{
	char *text = NULL;
	const char *out;

	if (vasprintf(&text, fmt, ap) < 0)
		ml_fatal_oom();
	out = ml_diag_shared(d, text);
	free(text);
	return out;
}

void
ml_diag_detail(struct ml_diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	d->detail = shared_vprintf(d, fmt, ap);
	va_end(ap);
}

void
ml_diag_hint(struct ml_diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	d->hint = shared_vprintf(d, fmt, ap);
	va_end(ap);
}
