/* SPDX-License-Identifier: MIT */
/*
 * do_block.c
 *	  The static SQL inside a DO block, as statements of the file.
 *
 * drizzle-kit wraps CREATE TYPE and foreign keys in
 * DO $$ BEGIN ... EXCEPTION WHEN duplicate_object THEN null; END $$; and hand-written
 * migrations hide DDL in DO blocks. The body is parsed with libpg_query's PL/pgSQL parser
 * (wrapped as a function, which is how it accepts a body), every static SQL statement in it
 * is parsed again with the SQL parser, and each becomes an in_do statement that carries the
 * exception conditions its enclosing blocks catch, so a rule can tell a guarded CREATE TYPE
 * from a bare one. IF NOT EXISTS (SELECT ...) THEN ... and IF EXISTS (SELECT ...) THEN ... are
 * the hand-written forms of IF [NOT] EXISTS and guard their THEN branch the same way (the
 * query is trusted to look for the right object). Positions: PL/pgSQL gives each statement's line in the body, and its exact
 * query text; the text is found from that line on, inside the body's string token, so node
 * locations map to the file. Dynamic SQL (EXECUTE) is only located, for a rule to say it was
 * not checked: it is never guessed.
 */
#include <cjson/cJSON.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "miglint/pgq.h"
#include "miglint/sql.h"
#include "miglint/utf8.h"

#define WRAP_PREFIX "CREATE FUNCTION miglint_do() RETURNS void LANGUAGE plpgsql AS "

/* What the walk over the PL/pgSQL tree needs. */
struct walk
{
	struct ml_arena *arena;
	const struct ml_source *src;
	size_t body_start; /* file offset of the body's first character */
	size_t body_end;   /* file offset just past the body */
	bool dollar;	   /* a $$ body: its text is the file's text, so positions map */
	size_t cursor;	   /* end of the last statement found, to find the next after it */
	size_t do_start;   /* the DO statement's span, for statements that cannot be placed */
	size_t do_end;
	const char **guards;
	size_t n_guards;
	size_t cap_guards;
	void (*add)(void *ctx, const struct ml_stmt *st);
	void (*add_dynamic)(void *ctx, const struct ml_span *at);
	void *ctx;
};

/* File offset where line 'lineno' (1-based) of the body starts. */
static size_t
body_line_offset(const struct walk *w, int lineno)
{
	size_t off = w->body_start;

	for (int l = 1; l < lineno && off < w->body_end; off++)
		if (w->src->data[off] == '\n')
			l++;
	return off;
}

/*
 * Where a query of the body is in the file: in a $$ body, its exact text found from its line
 * on (and after the previous statement); false when it cannot be placed exactly (a '...' or
 * E'...' body, whose text is unescaped, or text that does not match).
 */
static bool
place(struct walk *w, int lineno, const char *query, size_t qlen, size_t *at)
{
	size_t from = body_line_offset(w, lineno);
	const char *found;

	if (!w->dollar)
		return false;
	if (w->cursor > from)
		from = w->cursor;
	if (from >= w->body_end || qlen == 0 || qlen > w->body_end - from)
		return false;
	found = memmem(w->src->data + from, w->body_end - from, query, qlen);
	if (found == NULL)
		return false;
	*at = (size_t) (found - w->src->data);
	w->cursor = *at + qlen;
	return true;
}

/* Adds the statements of one static SQL statement found in the body. */
static void
add_query(struct walk *w, int lineno, const char *query)
{
	size_t qlen = strlen(query), base = 0;
	bool placed = place(w, lineno, query, qlen, &base);
	struct ml_pgq_result r;
	PgQuery__ParseResult *pr;
	ProtobufCAllocator alloc = ml_arena_protobuf_allocator(w->arena);
	struct ml_token *toks = NULL;
	size_t n_toks = 0;

	ml_pgq_call(&r, ML_PGQ_PARSE, query);
	if (r.error != NULL)
	{
		/* PL/pgSQL accepted it, so this is rare; PostgreSQL reports it when the DO runs. */
		struct ml_stmt st = {0};

		st.in_do = true;
		st.start = (uint32_t) (placed ? base : w->do_start);
		st.end = (uint32_t) (placed ? base + qlen : w->do_end);
		st.error_offset = (uint32_t) (placed && r.cursorpos > 0
										  ? base + ml_utf8_offset(query, qlen,
																  (size_t) r.cursorpos - 1)
										  : st.start);
		st.error_message = ml_arena_strdup(w->arena, r.error);
		ml_pgq_done(&r);
		w->add(w->ctx, &st);
		return;
	}
	pr = pg_query__parse_result__unpack(&alloc, r.len, (const uint8_t *) r.data);
	ml_pgq_done(&r);
	if (pr == NULL)
		return;
	if (placed)
		ml_scan(&toks, &n_toks, w->arena, query, base, NULL);
	for (size_t i = 0; i < pr->n_stmts; i++)
	{
		const PgQuery__RawStmt *raw = pr->stmts[i];
		struct ml_stmt st = {0};
		const char **guards = NULL;

		if (raw->stmt == NULL)
			continue;
		st.node = raw->stmt;
		st.in_do = true;
		if (placed)
		{
			size_t s = base + (size_t) raw->stmt_location;

			st.base = (uint32_t) base;
			st.start = (uint32_t) s;
			st.end = (uint32_t) (raw->stmt_len > 0 ? s + (size_t) raw->stmt_len : base + qlen);
			st.tokens = toks;
			st.n_tokens = (uint32_t) n_toks;
			for (size_t k = 0; k < n_toks; k++)
				if (toks[k].start >= s && !ml_token_is_comment(&toks[k]))
				{
					st.start = toks[k].start;
					break;
				}
		}
		else
		{
			/* Findings go to the DO statement; node locations cannot be mapped. */
			st.unplaced = true;
			st.start = (uint32_t) w->do_start;
			st.end = (uint32_t) w->do_end;
		}
		if (w->n_guards > 0)
		{
			guards = ml_arena_alloc(w->arena, w->n_guards * sizeof(char *));
			memcpy(guards, w->guards, w->n_guards * sizeof(char *));
		}
		st.guards = guards;
		st.n_guards = (uint32_t) w->n_guards;
		w->add(w->ctx, &st);
	}
}

static void walk_node(struct walk *w, const cJSON *node);
static void push_guard(struct walk *w, const char *name);

/* Gives an EXECUTE to add_dynamic, at its query expression or else at the DO keyword. */
static void
add_dynamic(struct walk *w, const cJSON *stmt)
{
	const cJSON *line = cJSON_GetObjectItemCaseSensitive(stmt, "lineno");
	const cJSON *q = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(stmt, "query"),
										 "PLpgSQL_expr"),
		"query");
	struct ml_span at = {(uint32_t) w->do_start, (uint32_t) w->do_end};
	size_t base;

	if (cJSON_IsString(q) &&
		place(w, cJSON_IsNumber(line) ? line->valueint : 1, q->valuestring,
			  strlen(q->valuestring), &base))
	{
		at.start = (uint32_t) base;
		at.end = (uint32_t) (base + strlen(q->valuestring));
	}
	w->add_dynamic(w->ctx, &at);
}

/* A BEGIN ... EXCEPTION ... END block: its body runs under its handlers, the handlers do not. */
static void
walk_block(struct walk *w, const cJSON *block)
{
	const cJSON *exc = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(block, "exceptions"), "PLpgSQL_exception_block");
	const cJSON *handler;
	size_t saved = w->n_guards;

	cJSON_ArrayForEach(handler, cJSON_GetObjectItemCaseSensitive(exc, "exc_list"))
	{
		const cJSON *cond;

		cJSON_ArrayForEach(cond, cJSON_GetObjectItemCaseSensitive(
									 cJSON_GetObjectItemCaseSensitive(handler, "PLpgSQL_exception"),
									 "conditions"))
		{
			const cJSON *name = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(cond, "PLpgSQL_condition"), "condname");

			if (cJSON_IsString(name))
				push_guard(w, ml_arena_strdup(w->arena, name->valuestring));
		}
	}
	walk_node(w, cJSON_GetObjectItemCaseSensitive(block, "body"));
	w->n_guards = saved;
	walk_node(w, cJSON_GetObjectItemCaseSensitive(block, "exceptions"));
}

/* Pushes a guard name for the statements walked next; pop by restoring n_guards. */
static void
push_guard(struct walk *w, const char *name)
{
	if (w->n_guards == w->cap_guards)
	{
		w->cap_guards = w->cap_guards ? w->cap_guards * 2 : 8;
		w->guards = realloc(w->guards, w->cap_guards * sizeof(char *));
		if (w->guards == NULL)
			ml_fatal_oom();
	}
	w->guards[w->n_guards++] = name;
}

/* 1 for EXISTS (SELECT ...), 2 for NOT EXISTS (SELECT ...), 0 for anything else. */
static int
exists_kind(const PgQuery__Node *e)
{
	bool negated = false;

	if (e != NULL && e->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR &&
		e->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR && e->bool_expr->n_args == 1)
	{
		negated = true;
		e = e->bool_expr->args[0];
	}
	if (e != NULL && e->node_case == PG_QUERY__NODE__NODE_SUB_LINK &&
		e->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK)
		return negated ? 2 : 1;
	return 0;
}

/*
 * The guards an IF condition gives its THEN branch: "IF NOT EXISTS (SELECT ...)" is the
 * hand-written IF NOT EXISTS, "IF EXISTS (SELECT ...)" the hand-written IF EXISTS; in an AND
 * every such conjunct counts ("IF EXISTS (table) AND NOT EXISTS (column)"). Decided on the
 * condition's parse tree. Returns a mask: 1 IF EXISTS, 2 IF NOT EXISTS, 4 a conjunction.
 */
static int
if_guards(const char *cond)
{
	char *sql = malloc(strlen(cond) + 8);
	struct ml_pgq_result r;
	PgQuery__ParseResult *pr = NULL;
	int mask = 0;

	if (sql == NULL)
		ml_fatal_oom();
	sprintf(sql, "SELECT %s", cond);
	ml_pgq_call(&r, ML_PGQ_PARSE, sql);
	free(sql);
	if (r.error == NULL)
		pr = pg_query__parse_result__unpack(NULL, r.len, (const uint8_t *) r.data);
	ml_pgq_done(&r);
	if (pr != NULL && pr->n_stmts == 1 &&
		pr->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
		pr->stmts[0]->stmt->select_stmt->n_target_list == 1)
	{
		const PgQuery__ResTarget *rt = pr->stmts[0]->stmt->select_stmt->target_list[0]->res_target;
		const PgQuery__Node *e = rt ? rt->val : NULL;

		if (e != NULL && e->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR &&
			e->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR)
		{
			for (size_t i = 0; i < e->bool_expr->n_args; i++)
				mask |= exists_kind(e->bool_expr->args[i]);
			mask |= 4; /* a conjunction: its ELSE is no simple opposite */
		}
		else
			mask = exists_kind(e);
	}
	if (pr != NULL)
		pg_query__parse_result__free_unpacked(pr, NULL);
	return mask;
}

/*
 * IF: the THEN branch runs under the condition's guard; with no ELSIF, the ELSE branch runs
 * under the opposite one when the condition was a single [NOT] EXISTS.
 */
static void
walk_if(struct walk *w, const cJSON *stmt)
{
	const cJSON *q = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(stmt, "cond"),
										 "PLpgSQL_expr"),
		"query");
	const cJSON *elsif = cJSON_GetObjectItemCaseSensitive(stmt, "elsif_list");
	int mask = cJSON_IsString(q) ? if_guards(q->valuestring) : 0;
	size_t saved = w->n_guards;

	if (mask & 1)
		push_guard(w, ML_GUARD_IF_EXISTS);
	if (mask & 2)
		push_guard(w, ML_GUARD_IF_NOT_EXISTS);
	walk_node(w, cJSON_GetObjectItemCaseSensitive(stmt, "then_body"));
	w->n_guards = saved;
	walk_node(w, elsif);
	if (elsif == NULL && (mask == 1 || mask == 2) && !(mask & 4))
		push_guard(w, mask == 1 ? ML_GUARD_IF_NOT_EXISTS : ML_GUARD_IF_EXISTS);
	walk_node(w, cJSON_GetObjectItemCaseSensitive(stmt, "else_body"));
	w->n_guards = saved;
}

static void
walk_node(struct walk *w, const cJSON *node)
{
	const cJSON *child;

	if (node == NULL || (!cJSON_IsObject(node) && !cJSON_IsArray(node)))
		return;
	cJSON_ArrayForEach(child, node)
	{
		const char *key = child->string;

		if (key != NULL && strcmp(key, "PLpgSQL_stmt_block") == 0)
			walk_block(w, child);
		else if (key != NULL && strcmp(key, "PLpgSQL_stmt_if") == 0)
			walk_if(w, child);
		else if (key != NULL && strcmp(key, "PLpgSQL_stmt_execsql") == 0)
		{
			const cJSON *line = cJSON_GetObjectItemCaseSensitive(child, "lineno");
			const cJSON *q = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(
					cJSON_GetObjectItemCaseSensitive(child, "sqlstmt"), "PLpgSQL_expr"),
				"query");

			if (cJSON_IsString(q))
				add_query(w, cJSON_IsNumber(line) ? line->valueint : 1, q->valuestring);
		}
		else if (key != NULL && strcmp(key, "PLpgSQL_stmt_dynexecute") == 0)
			add_dynamic(w, child);
		else
			walk_node(w, child);
	}
}

void
ml_do_block_statements(struct ml_arena *arena, const struct ml_source *src,
					   const PgQuery__DoStmt *do_stmt, const struct ml_token *toks,
					   size_t n_toks, void (*add)(void *ctx, const struct ml_stmt *st),
					   void (*add_dynamic)(void *ctx, const struct ml_span *at), void *ctx)
{
	const char *lang = "plpgsql";
	const struct ml_token *body = NULL;
	const PgQuery__DefElem *language;
	struct walk w = {0};
	struct ml_pgq_result r;
	cJSON *funcs;
	char *wrapped;
	size_t tlen, open = 1;

	language = ml_def_elem_find(do_stmt->args, do_stmt->n_args, "language");
	if (language != NULL && language->arg != NULL &&
		language->arg->node_case == PG_QUERY__NODE__NODE_STRING)
		lang = language->arg->string->sval;
	if (strcasecmp(lang, "plpgsql") != 0)
		return;
	/* The body is the string that is not LANGUAGE's argument. */
	for (size_t i = 0; i < n_toks && body == NULL; i++)
		if (toks[i].token == PG_QUERY__TOKEN__SCONST &&
			(i == 0 || toks[i - 1].token != PG_QUERY__TOKEN__LANGUAGE))
			body = &toks[i];
	if (body == NULL)
		return;
	tlen = body->end - body->start;
	/* Where the body's text starts inside its token: after $tag$, ' or E'. */
	if (src->data[body->start] == '$')
	{
		const char *close = memchr(src->data + body->start + 1, '$', tlen - 1);

		open = close ? (size_t) (close - (src->data + body->start)) + 1 : 1;
	}
	else if (src->data[body->start] == 'E' || src->data[body->start] == 'e')
		open = 2;
	wrapped = ml_arena_printf(arena, "%s%.*s", WRAP_PREFIX, (int) tlen, src->data + body->start);
	/* The DO keyword, where findings of statements that cannot be placed go. */
	for (size_t i = 0; i < n_toks; i++)
		if (toks[i].token == PG_QUERY__TOKEN__DO)
		{
			w.do_start = toks[i].start;
			w.do_end = toks[i].end;
			break;
		}
	ml_pgq_call(&r, ML_PGQ_PLPGSQL, wrapped);
	if (r.error != NULL)
	{
		/* PostgreSQL compiles the body when the DO runs, and fails the same way. */
		struct ml_stmt st = {0};
		size_t prefix = strlen(WRAP_PREFIX), at = body->start;

		if (r.cursorpos > 0 && (size_t) r.cursorpos - 1 >= prefix)
			at = body->start + ml_utf8_offset(src->data + body->start, tlen,
											  (size_t) r.cursorpos - 1 - prefix);
		st.in_do = true;
		st.start = (uint32_t) at;
		st.end = (uint32_t) body->end;
		st.error_offset = (uint32_t) at;
		st.error_message = ml_arena_strdup(arena, r.error);
		ml_pgq_done(&r);
		add(ctx, &st);
		return;
	}
	funcs = cJSON_ParseWithLength(r.data, r.len);
	ml_pgq_done(&r);
	w.arena = arena;
	w.src = src;
	w.body_start = body->start + open;
	w.dollar = src->data[body->start] == '$';
	w.cursor = w.body_start;
	w.body_end = body->end;
	w.add = add;
	w.ctx = ctx;
	w.add_dynamic = add_dynamic;
	walk_node(&w, cJSON_GetObjectItemCaseSensitive(
					  cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(funcs, 0),
													   "PLpgSQL_function"),
					  "action"));
	free(w.guards);
	cJSON_Delete(funcs);
}

bool
ml_stmt_guarded(const struct ml_stmt *stmt, const char *name, const char *code)
{
	/* A "does not exist" condition is what a DROP raises; the others are what a CREATE does. */
	bool drop = strncmp(name, "undefined_", 10) == 0 || strcmp(name, "invalid_schema_name") == 0;

	for (size_t i = 0; i < stmt->n_guards; i++)
	{
		const char *g = stmt->guards[i];

		if (strcasecmp(g, name) == 0 || strcmp(g, code) == 0 || strcasecmp(g, "others") == 0 ||
			(drop && strcmp(g, ML_GUARD_IF_EXISTS) == 0) ||
			(!drop && strcmp(g, ML_GUARD_IF_NOT_EXISTS) == 0))
			return true;
	}
	return false;
}
