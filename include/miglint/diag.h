/* SPDX-License-Identifier: MIT */
/*
 * diag.h
 *	  Diagnostics: what a rule found, where, and the words a user reads.
 *
 * A diagnostic is complete when it is made: its position is already line:column and it
 * carries a copy of its source line, so reporters only format, and a file's arena can be
 * freed as soon as the file is linted. Strings live in the list's own arena; file names,
 * details and hints are kept once and shared, since thousands of findings repeat them.
 */
#ifndef MIGLINT_DIAG_H
#define MIGLINT_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "miglint/arena.h"

enum ml_severity
{
	ML_SEVERITY_OFF = 0,
	ML_SEVERITY_INFO,
	ML_SEVERITY_WARNING,
	ML_SEVERITY_ERROR,
};

/* "error", "warning", "info" or "off". */
const char *ml_severity_name(enum ml_severity sev);

struct ml_diag_list;

struct ml_diag
{
	const char *rule; /* the rule's stable name (static storage) */
	const char *file; /* as shown to the user */
	const char *message;	 /* primary: lowercase, no period (STYLE.md §7) */
	const char *detail;		 /* full sentences, or NULL */
	const char *hint;		 /* full sentences, or NULL */
	const char *source_line; /* the text of 'line', without its line break */
	struct ml_diag_list *list; /* the list it is in: its arena and shared strings */
	enum ml_severity severity;
	uint32_t file_order;
	uint32_t start; /* byte span in the file, end exclusive */
	uint32_t end;
	unsigned line, col;			/* 1-based; columns count characters */
	unsigned end_line, end_col; /* exclusive end, same units */
	uint32_t seq;				/* order of reporting, the last sort key */
	bool suppressed;			/* silenced by a miglint-ignore comment */
};

struct ml_strmap;

struct ml_diag_list
{
	struct ml_diag *items;
	size_t n;
	size_t cap;
	struct ml_arena *arena;
	struct ml_strmap *shared; /* text -> the one copy of it in 'arena' */
};

void ml_diag_list_init(struct ml_diag_list *list);
void ml_diag_list_cleanup(struct ml_diag_list *list);

/* Appends a zeroed diagnostic; borrowed until the list grows or is cleaned up. */
struct ml_diag *ml_diag_list_add(struct ml_diag_list *list);

/* Sorts by file order, then position, then rule name (stable for equal keys). */
void ml_diag_list_sort(struct ml_diag_list *list);

/* The list's one copy of 'text' (made on first use): for strings many findings repeat. */
const char *ml_diag_shared(struct ml_diag *d, const char *text);

/* Sets the detail or the hint (printf-style, full sentences). */
void ml_diag_detail(struct ml_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ml_diag_hint(struct ml_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
