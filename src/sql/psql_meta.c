/* SPDX-License-Identifier: MIT */
/*
 * psql_meta.c
 *	  Leaves out what psql handles itself in a plain .sql file: meta-commands and COPY data.
 *
 * psql treats a backslash outside strings and comments as the start of a meta-command that
 * runs to the end of the line (\set, \i, \gset ...), and reads the lines after
 * COPY ... FROM STDIN; as data up to a line "\.". Neither is SQL, so neither is parsed.
 * PostgreSQL's lexer decides what is outside strings and comments: a backslash there is a
 * token of its own. The regions are overwritten with spaces (newlines kept) so that every
 * later offset is still an offset in the file.
 */
#include <stdlib.h>
#include <string.h>

#include "miglint/sql.h"

struct skips
{
	struct ml_skip *items;
	size_t n;
	size_t cap;
};

static void
add_skip(struct skips *sk, size_t start, size_t end, bool copy_data)
{
	if (sk->n == sk->cap)
	{
		size_t cap = sk->cap ? sk->cap * 2 : 8;
		struct ml_skip *p = realloc(sk->items, cap * sizeof(*p));

		if (p == NULL)
			ml_fatal_oom();
		sk->items = p;
		sk->cap = cap;
	}
	sk->items[sk->n].start = (uint32_t) start;
	sk->items[sk->n].end = (uint32_t) end;
	sk->items[sk->n].copy_data = copy_data;
	sk->n++;
}

/*
 * The tokens lexed on the way, kept while they are what lexing the blanked text from its
 * start would give: a fresh lex after a blanked region starts in the same state, unless the
 * token before the region is a string constant, which PostgreSQL continues across a newline
 * into a next quote ('a'<newline>'b' is one string).
 */
struct kept
{
	struct ml_token *items;
	size_t n;
	size_t cap;
	bool valid;
};

static void
keep(struct kept *kt, const struct ml_token *t)
{
	if (!kt->valid)
		return;
	if (kt->n == kt->cap)
	{
		size_t cap = kt->cap ? kt->cap * 2 : 256;
		struct ml_token *p = realloc(kt->items, cap * sizeof(*p));

		if (p == NULL)
			ml_fatal_oom();
		kt->items = p;
		kt->cap = cap;
	}
	kt->items[kt->n++] = *t;
}

/* A region is blanked after the kept tokens: they stay valid unless a string ends them. */
static void
keep_blank(struct kept *kt)
{
	PgQuery__Token last;

	if (!kt->valid || kt->n == 0)
		return;
	last = kt->items[kt->n - 1].token;
	if (last == PG_QUERY__TOKEN__SCONST || last == PG_QUERY__TOKEN__USCONST ||
		last == PG_QUERY__TOKEN__BCONST || last == PG_QUERY__TOKEN__XCONST)
		kt->valid = false;
}

static void
blank(char *buf, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		if (buf[i] != '\n')
			buf[i] = ' ';
}

static size_t
line_end(const char *buf, size_t len, size_t from)
{
	const char *nl = memchr(buf + from, '\n', len - from);

	return nl ? (size_t) (nl - buf) : len;
}

/* End of COPY data starting at 'from': just past the line "\." (or the end of the text). */
static size_t
copy_data_end(const char *buf, size_t len, size_t from)
{
	size_t pos = from;

	while (pos < len)
	{
		size_t e = line_end(buf, len, pos);
		size_t l = e - pos;

		if (l >= 2 && buf[pos] == '\\' && buf[pos + 1] == '.' &&
			(l == 2 || (l == 3 && buf[pos + 2] == '\r')))
			return e;
		pos = e < len ? e + 1 : len;
	}
	return len;
}

/* Lower-cases into 'out' the next word of a meta-command line at *p. */
static size_t
next_word(const char *line, size_t len, size_t *p, char *out, size_t cap)
{
	size_t n = 0;

	while (*p < len && (line[*p] == ' ' || line[*p] == '\t' || line[*p] == '\r'))
		(*p)++;
	while (*p < len && line[*p] != ' ' && line[*p] != '\t' && line[*p] != '\r')
	{
		if (n + 1 < cap)
			out[n++] = (char) (line[*p] >= 'A' && line[*p] <= 'Z' ? line[*p] + 32 : line[*p]);
		(*p)++;
	}
	out[n] = '\0';
	return n;
}

/*
 * True for psql's "\copy ... from stdin" (or pstdin): psql's own command syntax, not SQL,
 * read word by word as psql reads it.
 */
static bool
copies_from_stdin(const char *line, size_t len)
{
	char word[32];
	size_t p = 0;
	bool from = false;

	next_word(line, len, &p, word, sizeof(word));
	if (strcmp(word, "\\copy") != 0)
		return false;
	while (next_word(line, len, &p, word, sizeof(word)) > 0)
	{
		if (from && (strcmp(word, "stdin") == 0 || strcmp(word, "pstdin") == 0))
			return true;
		from = strcmp(word, "from") == 0;
	}
	return false;
}

enum copy_state
{
	COPY_NONE,
	COPY_SEEN,		 /* the statement starts with COPY */
	COPY_FROM,		 /* ... FROM */
	COPY_FROM_STDIN, /* ... FROM STDIN: data follows the ';' */
};

/*
 * Lexes buf[pos..len) or, when the lexer stops on something that is not SQL (COPY data
 * such as O'Brien), the longest run of whole lines before the place it stopped. If those
 * lines end in COPY ... FROM stdin; the caller skips the data and lexes again after it;
 * otherwise the error is real and the parser reports it. False when nothing could be lexed.
 */
static bool
scan_lines(struct ml_token **toks, size_t *n, struct ml_arena *scratch, char *buf, size_t len,
		   size_t pos, bool *whole)
{
	size_t limit = len;

	*whole = true;
	for (;;)
	{
		char saved = buf[limit];
		size_t err_at = 0;
		bool ok;

		buf[limit] = '\0';
		ok = ml_scan(toks, n, scratch, buf + pos, pos, &err_at);
		buf[limit] = saved;
		if (ok)
			return true;
		*whole = false;
		limit = pos + err_at;
		while (limit > pos && buf[limit - 1] != '\n')
			limit--;
		if (limit <= pos)
			return false;
	}
}

/*
 * True when the text might hold a meta-command or COPY data: it has a backslash, or the
 * letters "copy" in any case. Only a shortcut: without either, the lexer pass below could
 * find nothing, so it is skipped; with one, the lexer decides.
 */
static bool
might_have_psql(const char *buf, size_t len)
{
	if (memchr(buf, '\\', len) != NULL)
		return true;
	for (size_t i = 0; i + 4 <= len; i++)
		if ((buf[i] | 0x20) == 'c' && (buf[i + 1] | 0x20) == 'o' && (buf[i + 2] | 0x20) == 'p' &&
			(buf[i + 3] | 0x20) == 'y')
			return true;
	return false;
}

size_t
ml_psql_blank(struct ml_skip **out, struct ml_arena *arena, char *buf, size_t len, size_t base,
			  struct ml_token **toks_out, size_t *n_toks_out)
{
	struct skips sk = {0};
	struct kept kt = {.valid = toks_out != NULL};
	size_t pos = 0;
	struct ml_arena *scratch;

	*out = NULL;
	if (toks_out != NULL)
	{
		*toks_out = NULL;
		*n_toks_out = 0;
	}
	if (!might_have_psql(buf, len))
		return 0;
	scratch = ml_arena_create();

	while (pos < len)
	{
		struct ml_token *toks;
		size_t n, k = 0, restart = 0;
		bool at_start = true, whole;
		enum copy_state copy = COPY_NONE;

		/* Lexer state is clean here: pos is 0 or the start of a line outside any token. */
		if (!scan_lines(&toks, &n, scratch, buf, len, pos, &whole))
		{
			kt.valid = false;
			break;
		}
		while (k < n && restart == 0)
		{
			const struct ml_token *t = &toks[k];

			if (t->token == PG_QUERY__TOKEN__ASCII_92)
			{
				size_t e = line_end(buf, len, t->start);
				bool client_copy = copies_from_stdin(buf + t->start, e - t->start);

				keep_blank(&kt);
				blank(buf, t->start, e);
				add_skip(&sk, base + t->start, base + e, false);
				if (client_copy)
				{
					/* \copy ... from stdin: psql reads the next lines as data, to "\.". */
					size_t ds = e < len ? e + 1 : len, de = copy_data_end(buf, len, ds);

					if (de > ds)
					{
						blank(buf, ds, de);
						add_skip(&sk, base + ds, base + de, true);
					}
					restart = de < len ? de : len;
					break;
				}
				while (k < n && toks[k].start < e)
				{
					if (toks[k].end > e)
						restart = e; /* a token ran past the line: lex again from there */
					k++;
				}
				continue;
			}
			k++;
			if (t->token != PG_QUERY__TOKEN__ASCII_59)
				keep(&kt, t);
			if (ml_token_is_comment(t))
				continue;
			if (t->token == PG_QUERY__TOKEN__ASCII_59)
			{
				if (copy == COPY_FROM_STDIN)
				{
					size_t ds = line_end(buf, len, t->end);
					size_t de;

					ds = ds < len ? ds + 1 : len;
					keep(&kt, t);
					/* The rest of the ';' line is still SQL; a token running on into the
					 * data would end elsewhere once the data is blanked. */
					for (; k < n && toks[k].start < ds; k++)
					{
						keep(&kt, &toks[k]);
						if (toks[k].end > ds)
							kt.valid = false;
					}
					keep_blank(&kt);
					de = copy_data_end(buf, len, ds);
					if (de > ds)
					{
						blank(buf, ds, de);
						add_skip(&sk, base + ds, base + de, true);
					}
					restart = de < len ? de : len;
					break;
				}
				keep(&kt, t);
				at_start = true;
				copy = COPY_NONE;
				continue;
			}
			if (at_start)
				copy = t->token == PG_QUERY__TOKEN__COPY ? COPY_SEEN : COPY_NONE;
			else if (copy == COPY_SEEN && t->token == PG_QUERY__TOKEN__FROM)
				copy = COPY_FROM;
			else if (copy == COPY_FROM)
				copy = t->token == PG_QUERY__TOKEN__STDIN ? COPY_FROM_STDIN : COPY_SEEN;
			at_start = false;
		}
		/* The lexer stopped on an error and no COPY data explained it: the tokens end there. */
		if (!whole && restart == 0)
			kt.valid = false;
		ml_arena_destroy(scratch);
		scratch = ml_arena_create();
		if (restart == 0 || restart >= len)
			break;
		pos = restart;
	}
	ml_arena_destroy(scratch);
	if (kt.valid)
	{
		*toks_out = ml_arena_alloc(arena, (kt.n + 1) * sizeof(struct ml_token));
		for (size_t i = 0; i < kt.n; i++)
		{
			(*toks_out)[i] = kt.items[i];
			(*toks_out)[i].start += (uint32_t) base;
			(*toks_out)[i].end += (uint32_t) base;
		}
		*n_toks_out = kt.n;
	}
	free(kt.items);
	*out = NULL;
	if (sk.n > 0)
	{
		*out = ml_arena_alloc(arena, sk.n * sizeof(struct ml_skip));
		memcpy(*out, sk.items, sk.n * sizeof(struct ml_skip));
	}
	free(sk.items);
	return sk.n;
}
