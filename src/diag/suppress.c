/* SPDX-License-Identifier: MIT */
/*
 * suppress.c
 *	  Finding miglint-ignore comments among a file's tokens and applying them.
 *
 * Binding: a comment alone on its line covers the next statement (only comments and blank
 * lines may sit between); a comment after code on the same line covers the statement that
 * code belongs to; a file-level comment must come before the first statement. The rule
 * names after the keyword are split on commas and spaces; "--" ends the list, so a reason
 * can follow: "-- miglint-ignore require-if-exists -- the table is always there".
 */
#include <stdlib.h>
#include <string.h>

#include "miglint/suppress.h"

#include "miglint/rule.h"

#define IGNORE_FILE "miglint-ignore-file"
#define IGNORE "miglint-ignore"

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		   c == '-' || c == '_';
}

/* Parses "-- miglint-ignore[-file] a, b" at file bytes [start, end); false if it is not one. */
static bool
parse_comment(struct ml_ignore *ig, struct ml_arena *arena, const char *data, size_t start,
			  size_t end)
{
	size_t p = start + 2, kw_len;
	size_t cap = 4;

	while (p < end && (data[p] == ' ' || data[p] == '\t'))
		p++;
	if (end - p >= strlen(IGNORE_FILE) && strncmp(data + p, IGNORE_FILE, strlen(IGNORE_FILE)) == 0)
	{
		ig->file_level = true;
		kw_len = strlen(IGNORE_FILE);
	}
	else if (end - p >= strlen(IGNORE) && strncmp(data + p, IGNORE, strlen(IGNORE)) == 0)
		kw_len = strlen(IGNORE);
	else
		return false;
	p += kw_len;
	if (p < end && name_char(data[p]))
		return false; /* "miglint-ignored", "miglint-ignore-next": not ours */
	ig->start = (uint32_t) start;
	ig->end = (uint32_t) end;
	ig->names = ml_arena_alloc(arena, cap * sizeof(*ig->names));
	while (p < end)
	{
		size_t s;

		while (p < end && (data[p] == ' ' || data[p] == '\t' || data[p] == ',' || data[p] == '\r'))
			p++;
		if (p + 1 < end && data[p] == '-' && data[p + 1] == '-')
			break;
		s = p;
		while (p < end && name_char(data[p]))
			p++;
		if (p == s)
		{
			p++; /* a stray character: skip it, the name check reports nonsense */
			continue;
		}
		if (ig->n_names == cap)
		{
			struct ml_ignore_name *more = ml_arena_alloc(arena, cap * 2 * sizeof(*more));

			memcpy(more, ig->names, cap * sizeof(*more));
			ig->names = more;
			cap *= 2;
		}
		ig->names[ig->n_names].name = ml_arena_strndup(arena, data + s, p - s);
		ig->names[ig->n_names].start = (uint32_t) s;
		ig->names[ig->n_names].end = (uint32_t) p;
		ig->n_names++;
	}
	return true;
}

/* True when a line break lies between file bytes a and b. */
static bool
newline_between(const char *data, size_t a, size_t b)
{
	return memchr(data + a, '\n', b - a) != NULL;
}

/* The statement whose first token starts at 'at', or NULL. */
static const struct ml_stmt *
stmt_starting_at(const struct ml_file *f, size_t at)
{
	for (size_t i = 0; i < f->n_stmts; i++)
		if (f->stmts[i].start == at)
			return &f->stmts[i];
	return NULL;
}

/* The last statement that starts at or before 'at', or NULL. */
static const struct ml_stmt *
stmt_before(const struct ml_file *f, size_t at)
{
	const struct ml_stmt *best = NULL;

	for (size_t i = 0; i < f->n_stmts; i++)
		if (f->stmts[i].start <= at && !f->stmts[i].in_do)
			best = &f->stmts[i];
	return best;
}

void
ml_suppress_collect(struct ml_suppressions *out, struct ml_arena *arena, const struct ml_file *file)
{
	const char *data = file->src->data;
	size_t n = 0, first_code = file->src->len;
	struct ml_ignore *items = NULL;

	out->items = NULL;
	out->n = 0;
	for (size_t i = 0; i < file->n_tokens; i++)
	{
		if (!ml_token_is_comment(&file->tokens[i]))
		{
			first_code = file->tokens[i].start;
			break;
		}
	}
	for (size_t i = 0; i < file->n_tokens; i++)
		if (file->tokens[i].token == PG_QUERY__TOKEN__SQL_COMMENT)
			n++;
	if (n == 0)
		return;
	items = ml_arena_alloc(arena, n * sizeof(*items));
	n = 0;
	for (size_t i = 0; i < file->n_tokens; i++)
	{
		const struct ml_token *t = &file->tokens[i];
		struct ml_ignore *ig = &items[n];
		const struct ml_token *prev = NULL, *next = NULL;

		if (t->token != PG_QUERY__TOKEN__SQL_COMMENT)
			continue;
		if (!parse_comment(ig, arena, data, t->start, t->end))
			continue;
		n++;
		if (ig->file_level)
		{
			ig->misplaced = t->start > first_code;
			continue;
		}
		for (size_t k = i; k > 0 && prev == NULL; k--)
			if (!ml_token_is_comment(&file->tokens[k - 1]))
				prev = &file->tokens[k - 1];
		for (size_t k = i + 1; k < file->n_tokens && next == NULL; k++)
			if (!ml_token_is_comment(&file->tokens[k]))
				next = &file->tokens[k];
		if (prev != NULL && !newline_between(data, prev->end, t->start))
		{
			/* Trailing: the statement the code before it belongs to. */
			const struct ml_stmt *st = stmt_before(file, prev->start);

			if (st != NULL)
			{
				ig->bound = true;
				ig->scope_start = st->start;
				ig->scope_end = st->end;
			}
		}
		else if (next != NULL)
		{
			const struct ml_stmt *st = stmt_starting_at(file, next->start);

			if (st != NULL)
			{
				ig->bound = true;
				ig->scope_start = st->start;
				ig->scope_end = st->end;
			}
		}
	}
	out->items = items;
	out->n = n;
}

size_t
ml_suppress_keep(struct ml_suppressions *out, struct ml_arena *arena,
				 const struct ml_suppressions *in)
{
	out->items = NULL;
	out->n = 0;
	if (in->n == 0)
		return 0;
	out->items = ml_arena_alloc(arena, in->n * sizeof(*out->items));
	for (size_t i = 0; i < in->n; i++)
	{
		const struct ml_ignore *ig = &in->items[i];
		struct ml_ignore *copy = &out->items[out->n++];

		*copy = *ig;
		copy->names = ig->n_names > 0 ? ml_arena_alloc(arena, ig->n_names * sizeof(*copy->names))
									  : NULL;
		for (size_t j = 0; j < ig->n_names; j++)
		{
			copy->names[j] = ig->names[j];
			copy->names[j].name = ml_arena_strdup(arena, ig->names[j].name);
		}
	}
	return out->n;
}

void
ml_suppress_apply(const struct ml_suppressions *supp, struct ml_diag *items, size_t from,
				  size_t to)
{
	for (size_t i = from; i < to; i++)
	{
		struct ml_diag *d = &items[i];

		for (size_t k = 0; k < supp->n; k++)
		{
			const struct ml_ignore *ig = &supp->items[k];

			if (ig->misplaced)
				continue;
			if (!ig->file_level &&
				(!ig->bound || d->start < ig->scope_start || d->start > ig->scope_end))
				continue;
			for (size_t j = 0; j < ig->n_names; j++)
				if (strcmp(ig->names[j].name, d->rule) == 0 ||
					(ml_rule_find(d->rule) != NULL &&
					 ml_rule_matches(ig->names[j].name, ml_rule_find(d->rule))))
				{
					d->suppressed = true;
					ig->names[j].used = true;
				}
		}
	}
}
