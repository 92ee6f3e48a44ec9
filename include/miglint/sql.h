/* SPDX-License-Identifier: MIT */
/*
 * sql.h
 *	  A parsed file: its chunks, tokens, statements (typed AST) and syntax errors.
 *
 * A Drizzle migration is split on "--> statement-breakpoint" exactly as drizzle-orm splits
 * it; a plain file is one chunk, with psql meta-commands and COPY data blanked out. Each chunk
 * is scanned once and parsed once with pg_query_parse_protobuf; the typed tree is unpacked
 * into the file's arena and shared by every rule. Every offset below is a byte offset in the
 * file, so every position a rule reports is a position in the file the user opens.
 */
#ifndef MIGLINT_SQL_H
#define MIGLINT_SQL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pg_query/pg_query.pb-c.h>

#include "miglint/arena.h"
#include "miglint/source.h"

/* drizzle-orm's marker; the migrator splits on this text and nothing else. */
#define ML_BREAKPOINT "--> statement-breakpoint"

/* One piece of a file between breakpoints: [offset, offset + len). */
struct ml_chunk
{
	size_t offset;
	size_t len;
};

/* One lexical token (a comment is a token too), file offsets, end exclusive. */
struct ml_token
{
	uint32_t start;
	uint32_t end;
	PgQuery__Token token;
	PgQuery__KeywordKind keyword;
};

/*
 * One statement. node is NULL when it does not parse (then error_message is set).
 * A statement inside a DO block is a statement of its own (in_do), with the exception
 * conditions its enclosing PL/pgSQL blocks catch (guards): a migration's DDL hides there.
 */
struct ml_stmt
{
	const PgQuery__Node *node;
	uint32_t start;	  /* first token, after any leading comments */
	uint32_t end;	  /* end of the last token before the terminating ';' (exclusive) */
	const struct ml_token *tokens; /* its tokens, comments included, file offsets */
	uint32_t n_tokens;
	uint32_t tok_lo;  /* while parsing: tokens [tok_lo, tok_hi) of the file */
	uint32_t tok_hi;
	bool in_do;		  /* a static SQL statement inside a DO block */
	bool unplaced;	  /* in_do, but its text could not be placed in the file ('...' body):
					   * start/end are the DO's, and node locations do not map */
	const char *const *guards; /* in_do: condition names caught around it ("others" too) */
	uint32_t n_guards;
	uint32_t chunk;	  /* index of its chunk */
	uint32_t base;	  /* file offset of the text it was parsed from: node locations add it */
	uint32_t error_offset;		 /* syntax errors only: where PostgreSQL points */
	const char *error_message; /* syntax errors only: PostgreSQL's message, unchanged */
};

/* A piece of the file: bytes [start, end). */
struct ml_span
{
	uint32_t start;
	uint32_t end;
};

/* A region that is not SQL and was left out: a psql meta-command line or COPY data. */
struct ml_skip
{
	uint32_t start;
	uint32_t end;
	bool copy_data;
};

enum ml_split_mode
{
	ML_SPLIT_PLAIN,	  /* one chunk; psql meta-commands are skipped */
	ML_SPLIT_DRIZZLE, /* split on ML_BREAKPOINT, as drizzle-orm does */
	ML_SPLIT_AUTO,	  /* a file outside a journal: Drizzle when it has the marker */
};

struct ml_file
{
	const struct ml_source *src;
	enum ml_split_mode mode;
	struct ml_chunk *chunks;
	size_t n_chunks;
	struct ml_token *tokens; /* sorted by start; from every chunk that could be scanned */
	size_t n_tokens;
	struct ml_stmt *stmts; /* in file order, parse failures included */
	size_t n_stmts;
	struct ml_skip *skips;
	size_t n_skips;
	/*
	 * EXECUTE statements inside DO blocks, which cannot be checked: each is the span of the
	 * query expression after EXECUTE, or the DO keyword when it cannot be placed.
	 */
	struct ml_span *dynamic;
	size_t n_dynamic;
};

/*
 * Splits data[0..len) on ML_BREAKPOINT exactly like JavaScript's String.split: n markers
 * give n + 1 chunks, empty ones included. *out is borrowed from the arena; returns the count.
 */
size_t ml_split_breakpoints(struct ml_chunk **out, struct ml_arena *arena, const char *data,
							size_t len);

/* True when the text contains the breakpoint marker anywhere. */
bool ml_has_breakpoint(const char *data, size_t len);

/*
 * Finds psql meta-command lines (a backslash token, outside strings and comments, up to
 * the end of its line) and COPY ... FROM STDIN data (up to a line "\."), and overwrites
 * them with spaces in 'buf' (newlines kept, so offsets do not move). Records each region,
 * offset by 'base', in *out (borrowed from the arena); returns the count.
 *
 * When it had to lex 'buf' to decide, and the tokens it saw are exactly what lexing the
 * blanked 'buf' would give, they are kept for the caller in *toks (offset by 'base',
 * borrowed from the arena; *n_toks of them), so the text is not lexed twice; else *toks is
 * NULL. 'toks' may be NULL.
 */
size_t ml_psql_blank(struct ml_skip **out, struct ml_arena *arena, char *buf, size_t len,
					 size_t base, struct ml_token **toks, size_t *n_toks);

/*
 * Scans NUL-terminated 'text' with PostgreSQL's own lexer into *out (borrowed from the
 * arena), shifting every offset by 'base'. Returns false when the lexer fails (for example
 * on an unterminated quoted string); then *out is empty and *err_offset (when not NULL)
 * receives the byte offset in 'text' where the lexer gave up.
 */
bool ml_scan(struct ml_token **out, size_t *n_out, struct ml_arena *arena, const char *text,
			 size_t base, size_t *err_offset);

/*
 * Splits, scans and parses 'src' into 'file' (all allocations in 'arena'). Cannot fail.
 * ML_SPLIT_AUTO becomes ML_SPLIT_DRIZZLE when the text has a breakpoint marker, else
 * ML_SPLIT_PLAIN; file->mode holds the mode used.
 */
void ml_file_parse(struct ml_file *file, struct ml_arena *arena, const struct ml_source *src,
				   enum ml_split_mode mode);

/* True for a comment token, -- or C-style. */
bool ml_token_is_comment(const struct ml_token *t);

/*
 * Index of the first of toks[0..n) (sorted by start) that starts at or after 'offset', or n
 * when none does.
 */
size_t ml_tokens_at(const struct ml_token *toks, size_t n, size_t offset);

/*
 * Index of the first token that starts at or after 'offset', or n_tokens when none does.
 */
size_t ml_file_token_at(const struct ml_file *file, size_t offset);

/*
 * Adds the static SQL statements inside the DO block 'do_stmt' (parsed from file bytes
 * [start, end), tokens 'toks') to 'out' as in_do statements with their guards. Bodies in a
 * language other than plpgsql, or that do not parse, add nothing. Each dynamic SQL statement
 * (EXECUTE) is given to 'add_dynamic' with the span of its query expression in the file, or
 * of the DO keyword when the expression cannot be placed ('...' bodies).
 */
void ml_do_block_statements(struct ml_arena *arena, const struct ml_source *src,
							const PgQuery__DoStmt *do_stmt, const struct ml_token *toks,
							size_t n_toks, void (*add)(void *ctx, const struct ml_stmt *st),
							void (*add_dynamic)(void *ctx, const struct ml_span *at),
							void *ctx);

/* Pseudo-guards for a THEN branch under IF NOT EXISTS (SELECT ...) / IF EXISTS (SELECT ...). */
#define ML_GUARD_IF_NOT_EXISTS "<if not exists>"
#define ML_GUARD_IF_EXISTS "<if exists>"

/*
 * True when a DO-block statement's handlers catch condition 'name' or SQLSTATE 'code' (or
 * OTHERS), or it runs under the IF [NOT] EXISTS (SELECT ...) that fits: an "undefined_..."
 * condition is a DROP's, any other a CREATE's.
 */
bool ml_stmt_guarded(const struct ml_stmt *stmt, const char *name, const char *code);

/* File offset of a node's 'location' (-1 when the node has none or cannot be placed). */
long ml_stmt_location(const struct ml_stmt *stmt, int location);

/* The DefElem named 'name' among 'n' option nodes (WITH / (...) options), or NULL. */
const PgQuery__DefElem *ml_def_elem_find(PgQuery__Node *const *items, size_t n,
										 const char *name);

/*
 * The statement's name as PostgreSQL's error names it ("CREATE INDEX CONCURRENTLY", "VACUUM",
 * ...) when PostgreSQL refuses it inside a transaction block, or NULL when it is allowed.
 */
const char *ml_stmt_refused_in_transaction(const PgQuery__Node *n);

/* What a statement does to an explicit transaction block. */
enum ml_tx_effect
{
	ML_TX_NONE,			/* anything else (SAVEPOINT, ROLLBACK TO, COMMIT PREPARED included) */
	ML_TX_OPEN,			/* BEGIN, START TRANSACTION */
	ML_TX_END,			/* COMMIT, ROLLBACK, PREPARE TRANSACTION */
	ML_TX_END_AND_OPEN, /* COMMIT AND CHAIN, ROLLBACK AND CHAIN: the next one opens at once */
};

enum ml_tx_effect ml_stmt_tx_effect(const PgQuery__Node *n);

/* True when the file opens with sqlx's "-- no-transaction": its runner runs it outside one. */
bool ml_file_no_transaction(const struct ml_file *file);

/* Quotes an identifier always, doubling inner quotes: users -> "users". Arena-owned. */
char *ml_quote_ident(struct ml_arena *arena, const char *name);

/*
 * Renders a qualified name from a RangeVar: "billing"."invoices", or "users" when
 * no schema was written. Arena-owned.
 */
char *ml_name_range_var(struct ml_arena *arena, const PgQuery__RangeVar *rv);

/*
 * Splits a qualified name given as 1 or 2 String nodes ("name" or "schema"."name") into
 * *schema (NULL when not given) and *name (borrowed); false for any other shape.
 */
bool ml_name_split(PgQuery__Node *const *items, size_t n, const char **schema, const char **name);

/*
 * PostgreSQL's makeObjectName: name1_name2_label (name2 and label may be NULL), the longer
 * of the two names shortened first to fit in 63 bytes, never inside a UTF-8 character: the
 * name PostgreSQL gives an unnamed index, constraint or sequence. Arena-owned.
 */
char *ml_name_make(struct ml_arena *arena, const char *name1, const char *name2,
				   const char *label);

/*
 * A schema-qualified name for messages: "posts", or "billing"."invoices" when the schema is
 * given and is not public. Arena-owned.
 */
char *ml_name_display(struct ml_arena *arena, const char *schema, const char *name);

/* Renders a List of String nodes (DROP's object names) as "a"."b". Arena-owned. */
char *ml_name_list(struct ml_arena *arena, PgQuery__Node *const *items, size_t n);

/* Renders any DROP object node (a List, a String, a TypeName, an ObjectWithArgs). */
char *ml_name_object(struct ml_arena *arena, const PgQuery__Node *node);

#endif
