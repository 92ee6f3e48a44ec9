/* SPDX-License-Identifier: MIT */
/*
 * fix.c
 *	  The edits of `miglint --fix` (see fix.h).
 *
 * What is fixed, and where the text goes:
 *	  CREATE TABLE / INDEX / SCHEMA / SEQUENCE / EXTENSION / MATERIALIZED VIEW, CREATE TABLE AS
 *	      " IF NOT EXISTS" after the object keyword (after CONCURRENTLY for an index)
 *	  ALTER TABLE ... ADD [COLUMN] c     " IF NOT EXISTS" before the column name's token
 *	  ALTER TYPE ... ADD VALUE 'v'       " IF NOT EXISTS" after VALUE
 *	  DROP <object> ...                  " IF EXISTS" after the object keyword(s)
 *	  ALTER TABLE ... DROP [COLUMN] c / DROP CONSTRAINT c    " IF EXISTS" after COLUMN,
 *	      CONSTRAINT or DROP; the n-th such DROP token is the n-th drop command
 *	  CREATE VIEW / FUNCTION / PROCEDURE, CREATE TRIGGER (PostgreSQL 14+, not CONSTRAINT)
 *	      " OR REPLACE" after CREATE
 *	  CREATE TYPE, and an ALTER TABLE whose one command is a named ADD CONSTRAINT
 *	      the statement (with its ';') wrapped in drizzle-kit's DO $$ BEGIN ... EXCEPTION
 *	      WHEN <the condition a second run raises> THEN null; END $$;
 *	  RENAME of a column, table, index, sequence, view, constraint, type or schema
 *	      wrapped the same way: a second run finds the old name gone (undefined_column, ...)
 * Temporary objects, unnamed indexes and constraints (nothing to test for), statements
 * inside DO blocks, and files with a syntax error are left alone.
 */
#include "miglint/fix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/strbuf.h"

struct edits
{
	struct ml_edit *items;
	size_t n, cap;
	struct ml_arena *arena;
};

static void
add(struct edits *e, size_t start, size_t end, const char *text)
{
	if (e->n == e->cap)
	{
		e->cap = e->cap ? e->cap * 2 : 16;
		e->items = realloc(e->items, e->cap * sizeof(*e->items));
		if (e->items == NULL)
			ml_fatal_oom();
	}
	e->items[e->n].start = (uint32_t) start;
	e->items[e->n].end = (uint32_t) end;
	e->items[e->n].text = text;
	e->n++;
}

/* Index of the first token of the statement at or after 'from' that is 'tok', or -1. */
static long
find_token(const struct ml_stmt *st, size_t from, PgQuery__Token tok, size_t limit)
{
	for (size_t i = from; i < st->n_tokens && i < limit; i++)
		if (st->tokens[i].start >= st->start && st->tokens[i].token == tok)
			return (long) i;
	return -1;
}

/* Index of the first non-comment token of the statement. */
static size_t
first_token(const struct ml_stmt *st)
{
	size_t i = 0;

	while (i < st->n_tokens && (st->tokens[i].start < st->start || ml_token_is_comment(&st->tokens[i])))
		i++;
	return i;
}

/* The next non-comment token after i, or n_tokens. */
static size_t
next_token(const struct ml_stmt *st, size_t i)
{
	i++;
	while (i < st->n_tokens && ml_token_is_comment(&st->tokens[i]))
		i++;
	return i;
}

/*
 * Inserts 'text' after the object keyword 'kw' found among the statement's first tokens
 * (CREATE [UNIQUE | UNLOGGED | MATERIALIZED ...] <kw>; ALTER TYPE <name> ADD VALUE).
 */
static void
after_keyword(struct edits *e, const struct ml_stmt *st, PgQuery__Token kw, bool concurrently,
			  const char *text)
{
	size_t i = first_token(st);
	long k = find_token(st, i, kw, i + 12);

	if (k < 0)
		return;
	if (concurrently)
	{
		size_t c = next_token(st, (size_t) k);

		if (c < st->n_tokens && st->tokens[c].token == PG_QUERY__TOKEN__CONCURRENTLY)
			k = (long) c;
	}
	add(e, st->tokens[k].end, st->tokens[k].end, text);
}

/* Token index at file offset 'at', or -1. */
static long
token_at(const struct ml_stmt *st, size_t at)
{
	for (size_t i = 0; i < st->n_tokens; i++)
		if (st->tokens[i].start == at)
			return (long) i;
	return -1;
}

/* The ';' right after the statement, or -1. */
static long
semicolon(const struct ml_file *f, const struct ml_stmt *st)
{
	size_t i = ml_file_token_at(f, st->end);

	while (i < f->n_tokens && ml_token_is_comment(&f->tokens[i]))
		i++;
	if (i < f->n_tokens && f->tokens[i].token == PG_QUERY__TOKEN__ASCII_59)
		return (long) i;
	return -1;
}

/* Wraps the statement in drizzle-kit's guard, catching 'condition'. */
static void
wrap(struct edits *e, const struct ml_file *f, const struct ml_stmt *st, const char *condition)
{
	const char *data = f->src->data;
	long semi = semicolon(f, st);
	size_t end = semi >= 0 ? f->tokens[semi].end : st->end;
	/* The body runs to the ';' (a comment before it stays), or to the statement's end. */
	size_t body_end = semi >= 0 ? f->tokens[semi].start : st->end;
	const char *tag = "$$";
	char *body = ml_arena_strndup(e->arena, data + st->start, body_end - st->start);
	int k = 0;

	const char *first_nl = memchr(data, '\n', f->src->len);
	/* The file's own line ending: a CRLF file stays CRLF. */
	const char *nl = first_nl != NULL && first_nl > data && first_nl[-1] == '\r' ? "\r\n" : "\n";

	/* A body that holds the dollar quote needs another one. */
	while (strstr(body, tag) != NULL)
		tag = ml_arena_printf(e->arena, "$miglint%d$", ++k);
	add(e, st->start, end,
		ml_arena_printf(e->arena, "DO %s BEGIN%s %s;%sEXCEPTION%s WHEN %s THEN null;%sEND %s;", tag,
						nl, body, nl, nl, condition, nl, tag));
}

static void
fix_alter_table(struct edits *e, const struct ml_file *f, const struct ml_stmt *st,
				const PgQuery__AlterTableStmt *at)
{
	size_t drops = 0, drop_tokens = 0;
	long drop_at[64];

	/* ALTER TYPE ... ADD ATTRIBUTE has no IF NOT EXISTS: types are not fixed here. */
	if (at->relation == NULL || at->relation->relpersistence[0] == 't' ||
		at->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE)
		return;
	/* One named ADD CONSTRAINT: the statement is the guard's body. */
	if (at->n_cmds == 1 && at->cmds[0]->alter_table_cmd != NULL &&
		at->cmds[0]->alter_table_cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint)
	{
		const PgQuery__Node *def = at->cmds[0]->alter_table_cmd->def;
		const PgQuery__Constraint *con = def ? def->constraint : NULL;

		if (con == NULL)
			return;
		if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY)
			wrap(e, f, st, "invalid_table_definition");
		else if (con->conname == NULL || con->conname[0] == '\0')
			return; /* nothing a second run would clash with */
		else if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ||
				 con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
			wrap(e, f, st, "duplicate_table");
		else
			wrap(e, f, st, "duplicate_object");
		return;
	}
	/* The command-level DROP tokens, in order (not DROP DEFAULT / NOT NULL / ..., and not
	 * inside parentheses, as in OPTIONS (DROP ...)). */
	for (size_t i = first_token(st), depth = 0; i < st->n_tokens && drop_tokens < 64; i++)
	{
		size_t n;

		if (st->tokens[i].token == PG_QUERY__TOKEN__ASCII_40)
			depth++;
		else if (st->tokens[i].token == PG_QUERY__TOKEN__ASCII_41 && depth > 0)
			depth--;
		if (st->tokens[i].token != PG_QUERY__TOKEN__DROP || depth > 0)
			continue;
		n = next_token(st, i);
		if (n >= st->n_tokens)
			continue;
		switch (st->tokens[n].token)
		{
			case PG_QUERY__TOKEN__DEFAULT:
			case PG_QUERY__TOKEN__NOT:
			case PG_QUERY__TOKEN__IDENTITY_P:
			case PG_QUERY__TOKEN__EXPRESSION:
				continue;
			default:
				drop_at[drop_tokens++] = (long) i;
		}
	}
	for (size_t c = 0; c < at->n_cmds; c++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[c]->alter_table_cmd;

		if (cmd == NULL)
			continue;
		if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn ||
			cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint)
			drops++;
	}
	for (size_t c = 0, d = 0; c < at->n_cmds; c++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[c]->alter_table_cmd;

		if (cmd == NULL)
			continue;
		if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn && !cmd->missing_ok &&
			cmd->def != NULL && cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
		{
			long loc = ml_stmt_location(st, cmd->def->column_def->location);
			long k = loc >= 0 ? token_at(st, (size_t) loc) : -1;

			/* Before the column name: ADD [COLUMN] IF NOT EXISTS name. */
			if (k > 0)
			{
				long p = k - 1;

				while (p > 0 && ml_token_is_comment(&st->tokens[p]))
					p--;
				add(e, st->tokens[p].end, st->tokens[p].end, " IF NOT EXISTS");
			}
		}
		if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn ||
			cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint)
		{
			long t = drops == drop_tokens ? drop_at[d] : -1;
			size_t n;

			d++;
			if (t < 0 || cmd->missing_ok)
				continue;
			n = next_token(st, (size_t) t);
			if (n < st->n_tokens && (st->tokens[n].token == PG_QUERY__TOKEN__COLUMN ||
									 st->tokens[n].token == PG_QUERY__TOKEN__CONSTRAINT))
				t = (long) n;
			add(e, st->tokens[t].end, st->tokens[t].end, " IF EXISTS");
		}
	}
}

/* The object keyword token a DROP names, and whether CONCURRENTLY may follow it. */
static bool
drop_keyword(PgQuery__ObjectType t, PgQuery__Token *kw)
{
	switch (t)
	{
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
			*kw = PG_QUERY__TOKEN__TABLE;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
			*kw = PG_QUERY__TOKEN__INDEX;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
			*kw = PG_QUERY__TOKEN__SCHEMA;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
			*kw = PG_QUERY__TOKEN__SEQUENCE;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
			*kw = PG_QUERY__TOKEN__TYPE_P;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
			*kw = PG_QUERY__TOKEN__DOMAIN_P;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			*kw = PG_QUERY__TOKEN__VIEW;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
			*kw = PG_QUERY__TOKEN__FUNCTION;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
			*kw = PG_QUERY__TOKEN__PROCEDURE;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
			*kw = PG_QUERY__TOKEN__EXTENSION;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
			*kw = PG_QUERY__TOKEN__TRIGGER;
			return true;
		case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
			*kw = PG_QUERY__TOKEN__POLICY;
			return true;
		default:
			return false;
	}
}

/*
 * What PostgreSQL raises when a RENAME runs a second time and the old name is gone; NULL for
 * renames miglint does not guard.
 */
static const char *
rename_condition(const PgQuery__RenameStmt *rs)
{
	switch (rs->rename_type)
	{
		case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
			return "undefined_column";
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			return "undefined_table";
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
			return "undefined_object";
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
			return "invalid_schema_name";
		default:
			return NULL;
	}
}

/* Inserts " OR REPLACE" after CREATE. */
static void
or_replace(struct edits *e, const struct ml_stmt *st)
{
	size_t i = first_token(st);

	if (i < st->n_tokens && st->tokens[i].token == PG_QUERY__TOKEN__CREATE)
		add(e, st->tokens[i].end, st->tokens[i].end, " OR REPLACE");
}

/* The rule whose finding a fix answers: a DROP's or a RENAME's, or a CREATE's. */
static const char *
rule_of(const PgQuery__Node *n)
{
	return n->node_case == PG_QUERY__NODE__NODE_DROP_STMT ||
				   n->node_case == PG_QUERY__NODE__NODE_RENAME_STMT
			   ? "require-if-exists"
			   : "require-if-not-exists";
}

static void
fix_statement(struct edits *e, const struct ml_file *f, const struct ml_stmt *st, int pg_version)
{
	const PgQuery__Node *n = st->node;
	PgQuery__Token kw;

	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_CREATE_STMT:
			if (!n->create_stmt->if_not_exists && n->create_stmt->relation != NULL &&
				n->create_stmt->relation->relpersistence[0] != 't')
				after_keyword(e, st, PG_QUERY__TOKEN__TABLE, false, " IF NOT EXISTS");
			break;
		case PG_QUERY__NODE__NODE_INDEX_STMT:
			if (!n->index_stmt->if_not_exists && n->index_stmt->idxname != NULL &&
				n->index_stmt->idxname[0] != '\0')
				after_keyword(e, st, PG_QUERY__TOKEN__INDEX, true, " IF NOT EXISTS");
			break;
		case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
			/* PostgreSQL refuses IF NOT EXISTS when the statement creates elements too. */
			if (!n->create_schema_stmt->if_not_exists && n->create_schema_stmt->n_schema_elts == 0)
				after_keyword(e, st, PG_QUERY__TOKEN__SCHEMA, false, " IF NOT EXISTS");
			break;
		case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
			if (!n->create_seq_stmt->if_not_exists && n->create_seq_stmt->sequence != NULL &&
				n->create_seq_stmt->sequence->relpersistence[0] != 't')
				after_keyword(e, st, PG_QUERY__TOKEN__SEQUENCE, false, " IF NOT EXISTS");
			break;
		case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
			if (!n->create_extension_stmt->if_not_exists)
				after_keyword(e, st, PG_QUERY__TOKEN__EXTENSION, false, " IF NOT EXISTS");
			break;
		case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		{
			const PgQuery__CreateTableAsStmt *ct = n->create_table_as_stmt;

			if (ct->if_not_exists || ct->is_select_into || ct->into == NULL ||
				ct->into->rel == NULL || ct->into->rel->relpersistence[0] == 't')
				break;
			after_keyword(e, st,
						  ct->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW ? PG_QUERY__TOKEN__VIEW
																			   : PG_QUERY__TOKEN__TABLE,
						  false, " IF NOT EXISTS");
			break;
		}
		case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
			fix_alter_table(e, f, st, n->alter_table_stmt);
			break;
		case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
		{
			const PgQuery__AlterEnumStmt *ae = n->alter_enum_stmt;

			if (ae->new_val != NULL && (ae->old_val == NULL || ae->old_val[0] == '\0') &&
				!ae->skip_if_new_val_exists)
				for (size_t i = first_token(st); i < st->n_tokens; i++)
				{
					size_t v = next_token(st, i);

					/* ADD VALUE: the VALUE right after ADD (a type may be named "value"). */
					if (st->tokens[i].token == PG_QUERY__TOKEN__ADD_P && v < st->n_tokens &&
						st->tokens[v].token == PG_QUERY__TOKEN__VALUE_P)
					{
						add(e, st->tokens[v].end, st->tokens[v].end, " IF NOT EXISTS");
						break;
					}
				}
			break;
		}
		case PG_QUERY__NODE__NODE_DROP_STMT:
			if (!n->drop_stmt->missing_ok && drop_keyword(n->drop_stmt->remove_type, &kw))
				after_keyword(e, st, kw, true, " IF EXISTS");
			break;
		case PG_QUERY__NODE__NODE_VIEW_STMT:
			if (!n->view_stmt->replace && n->view_stmt->view != NULL &&
				n->view_stmt->view->relpersistence[0] != 't')
				or_replace(e, st);
			break;
		case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
			if (!n->create_function_stmt->replace)
				or_replace(e, st);
			break;
		case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
			if (!n->create_trig_stmt->replace && !n->create_trig_stmt->isconstraint &&
				pg_version >= 14)
				or_replace(e, st);
			break;
		case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
		case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
		case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
			wrap(e, f, st, "duplicate_object");
			break;
		case PG_QUERY__NODE__NODE_RENAME_STMT:
		{
			/* A second run finds the old name gone: the condition that says so is the guard. */
			const char *cond = rename_condition(n->rename_stmt);

			if (cond != NULL && !n->rename_stmt->missing_ok)
				wrap(e, f, st, cond);
			break;
		}

		default:
			break;
	}
}

static int
cmp_edit(const void *a, const void *b)
{
	const struct ml_edit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

size_t
ml_fix_edits(struct ml_edit **out, struct ml_arena *arena, const struct ml_file *file,
			 int pg_version, ml_fix_allowed_fn allowed, void *ctx)
{
	struct edits e = {.arena = arena};

	*out = NULL;
	for (size_t i = 0; i < file->n_stmts; i++)
		if (file->stmts[i].node == NULL)
			return 0; /* a file PostgreSQL cannot parse is not touched */
	for (size_t i = 0; i < file->n_stmts; i++)
		if (!file->stmts[i].in_do && file->stmts[i].n_tokens > 0 &&
			(allowed == NULL || allowed(ctx, &file->stmts[i], rule_of(file->stmts[i].node))))
			fix_statement(&e, file, &file->stmts[i], pg_version);
	if (e.n > 1)
		qsort(e.items, e.n, sizeof(*e.items), cmp_edit);
	if (e.n > 0)
	{
		*out = ml_arena_alloc(arena, e.n * sizeof(struct ml_edit));
		memcpy(*out, e.items, e.n * sizeof(struct ml_edit));
	}
	free(e.items);
	return e.n;
}

char *
ml_fix_apply(const char *data, size_t len, const struct ml_edit *edits, size_t n,
			 size_t *out_len)
{
	struct ml_strbuf sb;
	size_t pos = 0;

	ml_strbuf_init(&sb);
	for (size_t i = 0; i < n; i++)
	{
		if (edits[i].start < pos)
			continue; /* overlapping: the first one wins */
		ml_strbuf_add(&sb, data + pos, edits[i].start - pos);
		ml_strbuf_puts(&sb, edits[i].text);
		pos = edits[i].end;
	}
	ml_strbuf_add(&sb, data + pos, len - pos);
	*out_len = sb.len;
	return ml_strbuf_detach(&sb);
}

/* Line starts of a text: starts[0] = 0, one more for each '\n'. Caller frees. */
static size_t *
line_starts(const char *t, size_t len, size_t *n)
{
	size_t cap = 64, count = 1;
	size_t *s = malloc(cap * sizeof(size_t));

	if (s == NULL)
		ml_fatal_oom();
	s[0] = 0;
	for (size_t i = 0; i < len; i++)
		if (t[i] == '\n' && i + 1 < len)
		{
			if (count == cap)
			{
				cap *= 2;
				s = realloc(s, cap * sizeof(size_t));
				if (s == NULL)
					ml_fatal_oom();
			}
			s[count++] = i + 1;
		}
	*n = count;
	return s;
}

/* 0-based line of byte 'off'. */
static size_t
line_of(const size_t *starts, size_t n, size_t off)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1)
	{
		size_t mid = lo + (hi - lo) / 2;

		if (starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Appends lines [from, to] (0-based, inclusive) of a text with a prefix character. */
static void
put_lines(struct ml_strbuf *sb, char prefix, const char *t, size_t len, const size_t *starts,
		  size_t n, size_t from, size_t to)
{
	for (size_t l = from; l <= to && l < n; l++)
	{
		size_t s = starts[l], e = l + 1 < n ? starts[l + 1] : len;

		ml_strbuf_putc(sb, prefix);
		ml_strbuf_add(sb, t + s, e - s);
		if (e == len && (len == 0 || t[len - 1] != '\n'))
			ml_strbuf_puts(sb, "\n\\ No newline at end of file\n");
	}
}

char *
ml_fix_diff(const char *path, const char *old, size_t old_len, const struct ml_edit *edits,
			size_t n)
{
	struct ml_strbuf sb;
	size_t new_len, no, nn, shift = 0;
	char *new_text = ml_fix_apply(old, old_len, edits, n, &new_len);
	size_t *os = line_starts(old, old_len, &no), *ns = line_starts(new_text, new_len, &nn);

	ml_strbuf_init(&sb);
	/* A tab ends each name, so that patch(1) reads names with spaces; absolute paths as is. */
	if (path[0] == '/')
		ml_strbuf_printf(&sb, "--- %s\t\n+++ %s\t\n", path, path);
	else
		ml_strbuf_printf(&sb, "--- a/%s\t\n+++ b/%s\t\n", path, path);
	for (size_t i = 0; i < n;)
	{
		/* A group: edits whose changed lines lie within twice the context of each other. */
		size_t o0 = line_of(os, no, edits[i].start), o1, n0, n1, cs, ce, ncs, nce;

		n0 = line_of(ns, nn, edits[i].start + shift);
		o1 = o0;
		n1 = n0;
		while (i < n)
		{
			size_t tl = strlen(edits[i].text);
			size_t eo0 = line_of(os, no, edits[i].start);
			size_t eo1 = line_of(os, no, edits[i].end > edits[i].start ? edits[i].end - 1
																		 : edits[i].start);
			size_t en1 = line_of(ns, nn, edits[i].start + shift + (tl ? tl - 1 : 0));

			if (eo0 > o1 + 6)
				break;
			if (eo1 > o1)
				o1 = eo1;
			if (en1 > n1)
				n1 = en1;
			shift += tl - (edits[i].end - edits[i].start);
			i++;
		}
		cs = o0 >= 3 ? o0 - 3 : 0;
		ce = o1 + 3 < no ? o1 + 3 : no - 1;
		ncs = cs + (n0 - o0);
		nce = n1 + (ce - o1);
		ml_strbuf_printf(&sb, "@@ -%zu,%zu +%zu,%zu @@\n", cs + 1, ce - cs + 1, ncs + 1,
						 nce - ncs + 1);
		if (o0 > 0)
			put_lines(&sb, ' ', old, old_len, os, no, cs, o0 - 1);
		put_lines(&sb, '-', old, old_len, os, no, o0, o1);
		put_lines(&sb, '+', new_text, new_len, ns, nn, n0, n1);
		put_lines(&sb, ' ', old, old_len, os, no, o1 + 1, ce);
	}
	free(os);
	free(ns);
	free(new_text);
	return ml_strbuf_detach(&sb);
}
