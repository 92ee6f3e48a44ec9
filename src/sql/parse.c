/* SPDX-License-Identifier: MIT */
/*
 * parse.c
 *	  A file's chunks -> tokens and statements, each chunk parsed once by libpg_query.
 *
 * When a whole chunk parses, its statements come straight from the typed tree. When it does
 * not (plain files have no breakpoints, so one bad statement would hide a thousand good ones),
 * the chunk is cut into statements with libpg_query's scanner-based splitter and each piece
 * is parsed alone, so the good ones are still linted and each bad one gets its own error.
 * The splitter drops pieces that do not start with a keyword ("SELEC 1;"); the gaps it leaves
 * are cut at ';' tokens and parsed too, so no text goes unchecked.
 */
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/pgq.h"
#include "miglint/sql.h"
#include "miglint/utf8.h"

/* Chunks with at least this many ';' are parsed statement by statement (parse_by_statement). */
#define BY_STATEMENT_MIN 8

/* A growable array, realloc-backed while a file is built, copied into the arena after. */
struct vec
{
	void *items;
	size_t n;
	size_t cap;
	size_t size;
};

static void *
vec_push(struct vec *v)
{
	if (v->n == v->cap)
	{
		size_t cap = v->cap ? v->cap * 2 : 16;
		void *p = realloc(v->items, cap * v->size);

		if (p == NULL)
			ml_fatal_oom();
		v->items = p;
		v->cap = cap;
	}
	return memset((char *) v->items + v->n++ * v->size, 0, v->size);
}

static void *
vec_finish(struct vec *v, struct ml_arena *arena)
{
	void *out = NULL;

	if (v->n > 0)
	{
		out = ml_arena_alloc(arena, v->n * v->size);
		memcpy(out, v->items, v->n * v->size);
	}
	free(v->items);
	return out;
}

bool
ml_scan(struct ml_token **out, size_t *n_out, struct ml_arena *arena, const char *text,
		size_t base, size_t *err_offset)
{
	struct ml_pgq_result r;
	const int32_t *quads;
	struct ml_token *toks = NULL;
	size_t n;

	*out = NULL;
	*n_out = 0;
	ml_pgq_call(&r, ML_PGQ_SCAN, text);
	if (r.error != NULL)
	{
		if (err_offset != NULL)
			*err_offset = r.cursorpos > 0
							  ? ml_utf8_offset(text, strlen(text), (size_t) r.cursorpos - 1)
							  : 0;
		ml_pgq_done(&r);
		return false;
	}
	quads = (const int32_t *) r.data;
	n = r.len / (4 * sizeof(int32_t));
	if (n > 0)
		toks = ml_arena_alloc(arena, n * sizeof(*toks));
	for (size_t i = 0; i < n; i++)
	{
		toks[i].start = (uint32_t) (base + (size_t) quads[4 * i]);
		toks[i].end = (uint32_t) (base + (size_t) quads[4 * i + 1]);
		toks[i].token = quads[4 * i + 2];
		toks[i].keyword = quads[4 * i + 3];
	}
	ml_pgq_done(&r);
	*out = toks;
	*n_out = n;
	return true;
}

/* The chunk being parsed: its text (blanked for psql), tokens and place in the file. */
struct chunk_ctx
{
	struct ml_arena *arena;
	const char *text; /* NUL-terminated chunk text */
	size_t offset;	  /* of the chunk in the file */
	size_t len;
	const struct ml_token *toks; /* the chunk's tokens (file offsets) */
	size_t n_toks;
	size_t tok_base; /* index of toks[0] in the file's token array */
	uint32_t chunk;
	struct vec *stmts;
};

/* Index (in ctx->toks) of the first token starting at or after file offset 'off'. */
static size_t
tok_lower(const struct chunk_ctx *ctx, size_t off)
{
	return ml_tokens_at(ctx->toks, ctx->n_toks, off);
}

/* Skips whitespace forward from file offset 'off' (used when no tokens are known). */
static size_t
skip_space(const struct chunk_ctx *ctx, size_t off, size_t end)
{
	while (off < end && strchr(" \t\r\n\f\v", ctx->text[off - ctx->offset]) != NULL)
		off++;
	return off;
}

/* Adds a statement covering file bytes [start, end) with its first and last real token. */
static struct ml_stmt *
add_stmt(struct chunk_ctx *ctx, const PgQuery__Node *node, size_t start, size_t end)
{
	struct ml_stmt *st = vec_push(ctx->stmts);
	size_t lo = tok_lower(ctx, start), hi = tok_lower(ctx, end), first = lo, last = hi;

	while (first < hi && ml_token_is_comment(&ctx->toks[first]))
		first++;
	while (last > first && (ml_token_is_comment(&ctx->toks[last - 1]) ||
							ctx->toks[last - 1].token == PG_QUERY__TOKEN__ASCII_59))
		last--;
	st->node = node;
	st->chunk = ctx->chunk;
	st->tok_lo = (uint32_t) (ctx->tok_base + lo);
	st->tok_hi = (uint32_t) (ctx->tok_base + hi);
	if (first < last)
	{
		st->start = ctx->toks[first].start;
		st->end = ctx->toks[last - 1].end;
	}
	else
	{
		st->start = (uint32_t) skip_space(ctx, start, end);
		st->end = (uint32_t) end;
	}
	return st;
}

/* File offset of PostgreSQL's 1-based character cursor in a piece starting at 'piece_off'. */
static size_t
cursor_offset(const struct chunk_ctx *ctx, size_t piece_off, size_t piece_len, int cursorpos)
{
	const char *p = ctx->text + (piece_off - ctx->offset);

	if (cursorpos <= 0)
		return piece_off;
	return piece_off + ml_utf8_offset(p, piece_len, (size_t) cursorpos - 1);
}

static void
add_error(struct chunk_ctx *ctx, size_t start, size_t end, size_t err_off, const char *message)
{
	struct ml_stmt *st = add_stmt(ctx, NULL, start, end);

	st->error_offset = (uint32_t) err_off;
	st->error_message = ml_arena_strdup(ctx->arena, message);
	if (st->start > st->error_offset)
		st->start = st->error_offset;
}

/*
 * Adds the statements of file bytes [off, off + len) of the chunk from their parse result
 * 'r' (freed here). On a syntax error adds nothing, returns false and fills *err_off and
 * *message (arena).
 */
static bool
add_parsed(struct chunk_ctx *ctx, size_t off, size_t len, struct ml_pgq_result *r,
		   size_t *err_off, char **message)
{
	PgQuery__ParseResult *pr;
	ProtobufCAllocator alloc;

	if (r->error != NULL)
	{
		*err_off = cursor_offset(ctx, off, len, r->cursorpos);
		*message = ml_arena_strdup(ctx->arena, r->error);
		ml_pgq_done(r);
		return false;
	}
	alloc = ml_arena_protobuf_allocator(ctx->arena);
	pr = pg_query__parse_result__unpack(&alloc, r->len, (const uint8_t *) r->data);
	ml_pgq_done(r);
	if (pr == NULL)
	{
		*err_off = off;
		*message = ml_arena_strdup(ctx->arena, "could not unpack the parse tree");
		return false;
	}
	for (size_t i = 0; i < pr->n_stmts; i++)
	{
		const PgQuery__RawStmt *raw = pr->stmts[i];
		size_t s = off + (size_t) raw->stmt_location;
		size_t e = raw->stmt_len > 0 ? s + (size_t) raw->stmt_len : off + len;

		if (raw->stmt != NULL)
			add_stmt(ctx, raw->stmt, s, e)->base = (uint32_t) off;
	}
	return true;
}

/*
 * Parses file bytes [off, off + len) of the chunk on their own and adds their statements
 * (see add_parsed).
 */
static bool
parse_piece(struct chunk_ctx *ctx, size_t off, size_t len, size_t *err_off, char **message)
{
	const char *text = ctx->text + (off - ctx->offset);
	char *copy = NULL;
	struct ml_pgq_result r;

	if (off != ctx->offset || len != ctx->len)
	{
		text = copy = strndup(text, len);
		if (copy == NULL)
			ml_fatal_oom();
	}
	ml_pgq_call(&r, ML_PGQ_PARSE, text);
	free(copy);
	return add_parsed(ctx, off, len, &r, err_off, message);
}

/* Parses a piece; a failure becomes an error statement. */
static void
parse_piece_or_error(struct chunk_ctx *ctx, size_t off, size_t len)
{
	size_t err_off;
	char *message;

	if (!parse_piece(ctx, off, len, &err_off, &message))
		add_error(ctx, off, off + len, err_off, message);
}

/* A piece of a chunk to parse alone, file offsets. */
struct piece
{
	size_t start;
	size_t end;
};

static int
cmp_piece(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The whole chunk failed to parse: cut it into statements and parse them one by one.
 * 'err_off' and 'message' are the whole chunk's error, used when it cannot be cut.
 */
static void
parse_split(struct chunk_ctx *ctx, size_t err_off, const char *message)
{
	struct ml_pgq_result sr;
	const int32_t *pairs;
	struct vec pieces = {.size = sizeof(struct piece)};
	struct piece *ps;
	size_t np, sp = 0, run_start = 0;
	bool in_run = false;

	ml_pgq_call(&sr, ML_PGQ_SPLIT, ctx->text);
	if (sr.error != NULL || ctx->n_toks == 0)
	{
		ml_pgq_done(&sr);
		add_error(ctx, ctx->offset, ctx->offset + ctx->len, err_off, message);
		return;
	}
	pairs = (const int32_t *) sr.data;
	for (size_t i = 0; i < sr.len / (2 * sizeof(int32_t)); i++)
	{
		struct piece *p = vec_push(&pieces);

		p->start = ctx->offset + (size_t) pairs[2 * i];
		p->end = pairs[2 * i + 1] > 0 ? p->start + (size_t) pairs[2 * i + 1]
									  : ctx->offset + ctx->len;
	}
	ml_pgq_done(&sr);
	/* Gaps: runs of tokens the splitter left out, cut after each ';'. */
	np = pieces.n;
	for (size_t k = 0; k < ctx->n_toks; k++)
	{
		const struct ml_token *t = &ctx->toks[k];
		const struct piece *all = pieces.items;
		bool covered;

		while (sp < np && all[sp].end <= t->start)
			sp++;
		covered = sp < np && all[sp].start <= t->start;
		if (covered || t->token == PG_QUERY__TOKEN__ASCII_59)
		{
			if (in_run)
			{
				struct piece *p = vec_push(&pieces);

				p->start = run_start;
				p->end = t->start;
				in_run = false;
			}
			continue;
		}
		if (ml_token_is_comment(t))
			continue;
		if (!in_run)
		{
			in_run = true;
			run_start = t->start;
		}
	}
	if (in_run)
	{
		struct piece *p = vec_push(&pieces);

		p->start = run_start;
		p->end = ctx->offset + ctx->len;
	}
	ps = pieces.items;
	if (pieces.n > 1)
		qsort(ps, pieces.n, sizeof(*ps), cmp_piece);
	for (size_t i = 0; i < pieces.n; i++)
	{
		/* Parse with its ';' so that PostgreSQL's message is the one it gives in context. */
		size_t k = tok_lower(ctx, ps[i].end);

		while (k < ctx->n_toks && ml_token_is_comment(&ctx->toks[k]))
			k++;
		if (k < ctx->n_toks && ctx->toks[k].token == PG_QUERY__TOKEN__ASCII_59 &&
			(i + 1 == pieces.n || ctx->toks[k].end <= ps[i + 1].start))
			ps[i].end = ctx->toks[k].end;
		parse_piece_or_error(ctx, ps[i].start, ps[i].end - ps[i].start);
	}
	if (pieces.n == 0)
		add_error(ctx, ctx->offset, ctx->offset + ctx->len, err_off, message);
	free(pieces.items);
}

/*
 * A chunk of many statements (a plain file is one chunk) parses faster statement by
 * statement than whole: libpg_query then packs, and we unpack, many small trees instead of
 * one huge one, and its memory is reused. The lexer's tokens cut it at each ';' outside
 * parentheses; every piece must parse, or the whole chunk is parsed as before (so a cut in
 * the wrong place, inside BEGIN ATOMIC ... END, never changes the result: its first piece
 * has no END and fails). False, with nothing added, when the chunk was not cut.
 */
static bool
parse_by_statement(struct chunk_ctx *ctx)
{
	size_t n_before = ctx->stmts->n, start, depth = 0, n_semis = 0, err_off;
	struct vec pieces = {.size = sizeof(struct piece)};
	struct ml_pgq_ahead *ahead = NULL;
	struct piece *ps;
	char **texts = NULL, *message;
	bool ok = true;

	for (size_t k = 0; k < ctx->n_toks; k++)
		n_semis += ctx->toks[k].token == PG_QUERY__TOKEN__ASCII_59;
	if (n_semis < BY_STATEMENT_MIN)
		return false;
	start = ctx->offset;
	for (size_t k = 0; k < ctx->n_toks; k++)
	{
		const struct ml_token *t = &ctx->toks[k];

		if (t->token == PG_QUERY__TOKEN__ASCII_40)
			depth++;
		else if (t->token == PG_QUERY__TOKEN__ASCII_41 && depth > 0)
			depth--;
		else if (t->token == PG_QUERY__TOKEN__ASCII_59 && depth == 0)
		{
			struct piece *p = vec_push(&pieces);

			p->start = start;
			p->end = t->end;
			start = t->end;
		}
	}
	/* What follows the last ';': comments, blanks, or a statement without one. */
	if (tok_lower(ctx, start) < ctx->n_toks)
	{
		size_t k = tok_lower(ctx, start);

		while (k < ctx->n_toks && ml_token_is_comment(&ctx->toks[k]))
			k++;
		if (k < ctx->n_toks)
		{
			struct piece *p = vec_push(&pieces);

			p->start = start;
			p->end = ctx->offset + ctx->len;
		}
	}
	ps = pieces.items;
	/* A long run of statements is parsed from both ends at once (pgq.h): its texts first. */
	if (ml_pgq_ahead_wanted(pieces.n))
	{
		texts = calloc(pieces.n + 1, sizeof(char *));
		if (texts == NULL)
			ml_fatal_oom();
		for (size_t i = 0; i < pieces.n; i++)
			if ((texts[i] = strndup(ctx->text + (ps[i].start - ctx->offset),
									ps[i].end - ps[i].start)) == NULL)
				ml_fatal_oom();
		ahead = ml_pgq_ahead_start(texts, pieces.n);
	}
	for (size_t i = 0; i < pieces.n && ok; i++)
	{
		struct ml_pgq_result r;

		if (ahead == NULL)
		{
			ok = parse_piece(ctx, ps[i].start, ps[i].end - ps[i].start, &err_off, &message);
			continue;
		}
		ml_pgq_ahead_call(ahead, i, &r);
		ok = add_parsed(ctx, ps[i].start, ps[i].end - ps[i].start, &r, &err_off, &message);
	}
	ml_pgq_ahead_finish(ahead);
	for (size_t i = 0; texts != NULL && i < pieces.n; i++)
		free(texts[i]);
	free(texts);
	free(pieces.items);
	if (!ok)
		ctx->stmts->n = n_before;
	return ok;
}

/*
 * Parses one chunk: statement by statement when it has many, else whole; when that fails,
 * cut by libpg_query's splitter so that each bad statement gets its own error.
 */
static void
parse_chunk(struct chunk_ctx *ctx)
{
	size_t err_off;
	char *message;

	if (parse_by_statement(ctx))
		return;
	if (!parse_piece(ctx, ctx->offset, ctx->len, &err_off, &message))
		parse_split(ctx, err_off, message);
}

/* Where the statements and EXECUTEs of DO blocks go while a file's statements are finished. */
struct do_sink
{
	struct vec *stmts;
	struct vec *dynamic;
};

static void
push_stmt(void *ctx, const struct ml_stmt *st)
{
	*(struct ml_stmt *) vec_push(((struct do_sink *) ctx)->stmts) = *st;
}

static void
push_dynamic(void *ctx, const struct ml_span *at)
{
	*(struct ml_span *) vec_push(((struct do_sink *) ctx)->dynamic) = *at;
}

/*
 * Points each statement at its tokens, and adds the statements inside DO blocks right
 * after their DO statement, so that the file's statements stay in file order.
 */
static void
finish_statements(struct ml_file *file, struct ml_arena *arena, struct vec *stmts)
{
	struct vec all = {.size = sizeof(struct ml_stmt)};
	struct vec dynamic = {.size = sizeof(struct ml_span)};
	struct do_sink sink = {&all, &dynamic};
	struct ml_stmt *items = stmts->items;

	for (size_t i = 0; i < stmts->n; i++)
	{
		struct ml_stmt *st = &items[i];

		/* A chunk the lexer rejected has no tokens at all (file->tokens is NULL). */
		st->tokens = file->tokens != NULL ? file->tokens + st->tok_lo : NULL;
		st->n_tokens = st->tok_hi - st->tok_lo;
		*(struct ml_stmt *) vec_push(&all) = *st;
		if (st->node != NULL && st->node->node_case == PG_QUERY__NODE__NODE_DO_STMT)
			ml_do_block_statements(arena, file->src, st->node->do_stmt, st->tokens, st->n_tokens,
								   push_stmt, push_dynamic, &sink);
	}
	free(stmts->items);
	file->n_stmts = all.n;
	file->stmts = vec_finish(&all, arena);
	file->n_dynamic = dynamic.n;
	file->dynamic = vec_finish(&dynamic, arena);
}

void
ml_file_parse(struct ml_file *file, struct ml_arena *arena, const struct ml_source *src,
			  enum ml_split_mode mode)
{
	struct vec tokens = {.size = sizeof(struct ml_token)};
	struct vec stmts = {.size = sizeof(struct ml_stmt)};
	struct vec skips = {.size = sizeof(struct ml_skip)};

	memset(file, 0, sizeof(*file));
	file->src = src;
	if (mode == ML_SPLIT_AUTO)
		mode = ml_has_breakpoint(src->data, src->len) ? ML_SPLIT_DRIZZLE : ML_SPLIT_PLAIN;
	file->mode = mode;
	if (mode == ML_SPLIT_DRIZZLE)
		file->n_chunks = ml_split_breakpoints(&file->chunks, arena, src->data, src->len);
	else
	{
		file->chunks = ml_arena_alloc(arena, sizeof(struct ml_chunk));
		file->chunks[0].offset = 0;
		file->chunks[0].len = src->len;
		file->n_chunks = 1;
	}
	for (size_t c = 0; c < file->n_chunks; c++)
	{
		struct chunk_ctx ctx = {0};
		char *text = ml_arena_strndup(arena, src->data + file->chunks[c].offset,
									  file->chunks[c].len);
		struct ml_token *toks = NULL;
		size_t n = 0;

		if (mode == ML_SPLIT_PLAIN)
		{
			struct ml_skip *sk;
			size_t nsk = ml_psql_blank(&sk, arena, text, file->chunks[c].len,
									   file->chunks[c].offset, &toks, &n);

			for (size_t i = 0; i < nsk; i++)
				*(struct ml_skip *) vec_push(&skips) = sk[i];
		}
		/* The psql pass lexed the text already when it kept its tokens. */
		if (toks == NULL)
			ml_scan(&toks, &n, arena, text, file->chunks[c].offset, NULL);
		ctx.arena = arena;
		ctx.text = text;
		ctx.offset = file->chunks[c].offset;
		ctx.len = file->chunks[c].len;
		ctx.toks = toks;
		ctx.n_toks = n;
		ctx.tok_base = tokens.n;
		ctx.chunk = (uint32_t) c;
		ctx.stmts = &stmts;
		for (size_t i = 0; i < n; i++)
			*(struct ml_token *) vec_push(&tokens) = toks[i];
		parse_chunk(&ctx);
	}
	file->n_tokens = tokens.n;
	file->tokens = vec_finish(&tokens, arena);
	finish_statements(file, arena, &stmts);
	file->n_skips = skips.n;
	file->skips = vec_finish(&skips, arena);
}

bool
ml_token_is_comment(const struct ml_token *t)
{
	return t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT;
}

size_t
ml_tokens_at(const struct ml_token *toks, size_t n, size_t offset)
{
	size_t lo = 0, hi = n;

	while (lo < hi)
	{
		size_t mid = lo + (hi - lo) / 2;

		if (toks[mid].start < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
ml_file_token_at(const struct ml_file *file, size_t offset)
{
	return ml_tokens_at(file->tokens, file->n_tokens, offset);
}

long
ml_stmt_location(const struct ml_stmt *stmt, int location)
{
	if (location < 0 || stmt->unplaced)
		return -1;
	return (long) stmt->base + location;
}
