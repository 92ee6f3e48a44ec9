/* SPDX-License-Identifier: MIT */
/*
 * names.c
 *	  Rendering object names from the typed tree for messages: "schema"."name".
 *
 * Names are always double-quoted (STYLE.md §7), as PostgreSQL folded them: the tree holds
 * unquoted identifiers already lower-cased and quoted ones verbatim, so the rendered text is
 * exactly what a user can paste into a hint.
 */
#include <string.h>

#include "miglint/sql.h"
#include "miglint/strbuf.h"

#define NAMEDATALEN 64

char *
ml_quote_ident(struct ml_arena *arena, const char *name)
{
	size_t n = 2;
	char *out, *p;

	for (const char *s = name; *s; s++)
		n += *s == '"' ? 2 : 1;
	out = p = ml_arena_alloc(arena, n + 1);
	*p++ = '"';
	for (const char *s = name; *s; s++)
	{
		*p++ = *s;
		if (*s == '"')
			*p++ = '"';
	}
	*p++ = '"';
	*p = '\0';
	return out;
}

/* Appends the quoted name, with a '.' before it unless the buffer is empty. */
static void
append_part(struct ml_strbuf *sb, struct ml_arena *arena, const char *part)
{
	if (sb->len > 0)
		ml_strbuf_putc(sb, '.');
	ml_strbuf_puts(sb, ml_quote_ident(arena, part));
}

/* Moves a strbuf's text into the arena. */
static char *
finish(struct ml_strbuf *sb, struct ml_arena *arena)
{
	char *out = ml_arena_strndup(arena, sb->data ? sb->data : "", sb->len);

	ml_strbuf_cleanup(sb);
	return out;
}

char *
ml_name_range_var(struct ml_arena *arena, const PgQuery__RangeVar *rv)
{
	struct ml_strbuf sb;

	if (rv == NULL)
		return ml_arena_strdup(arena, "?");
	ml_strbuf_init(&sb);
	if (rv->schemaname != NULL && rv->schemaname[0] != '\0')
		append_part(&sb, arena, rv->schemaname);
	append_part(&sb, arena, rv->relname ? rv->relname : "?");
	return finish(&sb, arena);
}

char *
ml_name_list(struct ml_arena *arena, PgQuery__Node *const *items, size_t n)
{
	struct ml_strbuf sb;

	ml_strbuf_init(&sb);
	for (size_t i = 0; i < n; i++)
		if (items[i] != NULL && items[i]->node_case == PG_QUERY__NODE__NODE_STRING)
			append_part(&sb, arena, items[i]->string->sval);
	if (sb.len == 0)
		ml_strbuf_puts(&sb, "?");
	return finish(&sb, arena);
}

char *
ml_name_object(struct ml_arena *arena, const PgQuery__Node *node)
{
	if (node == NULL)
		return ml_arena_strdup(arena, "?");
	switch (node->node_case)
	{
		case PG_QUERY__NODE__NODE_LIST:
			return ml_name_list(arena, node->list->items, node->list->n_items);
		case PG_QUERY__NODE__NODE_STRING:
			return ml_quote_ident(arena, node->string->sval);
		case PG_QUERY__NODE__NODE_TYPE_NAME:
			return ml_name_list(arena, node->type_name->names, node->type_name->n_names);
		case PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS:
			return ml_name_list(arena, node->object_with_args->objname,
								node->object_with_args->n_objname);
		default:
			return ml_arena_strdup(arena, "?");
	}
}

bool
ml_name_split(PgQuery__Node *const *items, size_t n, const char **schema, const char **name)
{
	if (n == 0 || n > 2 || items[0]->node_case != PG_QUERY__NODE__NODE_STRING ||
		items[n - 1]->node_case != PG_QUERY__NODE__NODE_STRING)
		return false;
	*schema = n == 2 ? items[0]->string->sval : NULL;
	*name = items[n - 1]->string->sval;
	return true;
}

char *
ml_name_make(struct ml_arena *a, const char *name1, const char *name2, const char *label)
{
	size_t overhead = (label ? strlen(label) + 1 : 0) + (name2 ? 1 : 0);
	size_t avail = NAMEDATALEN - 1 - overhead;
	size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;

	while (n1 + n2 > avail)
	{
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	/* Do not cut a UTF-8 character in two. */
	while (n1 > 0 && ((unsigned char) name1[n1] & 0xC0) == 0x80)
		n1--;
	while (name2 && n2 > 0 && ((unsigned char) name2[n2] & 0xC0) == 0x80)
		n2--;
	return ml_arena_printf(a, "%.*s%s%.*s%s%s", (int) n1, name1, name2 ? "_" : "", (int) n2,
						   name2 ? name2 : "", label ? "_" : "", label ? label : "");
}

char *
ml_name_display(struct ml_arena *arena, const char *schema, const char *name)
{
	if (schema == NULL || schema[0] == '\0' || strcmp(schema, "public") == 0)
		return ml_quote_ident(arena, name);
	return ml_arena_printf(arena, "%s.%s", ml_quote_ident(arena, schema),
						   ml_quote_ident(arena, name));
}
