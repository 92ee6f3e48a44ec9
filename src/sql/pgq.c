/* SPDX-License-Identifier: MIT */
/*
 * pgq.c
 *	  Every call into libpg_query, recorded on or replayed from a tape (see pgq.h).
 *
 * A live call copies libpg_query's result into one malloc'd block and frees the library's,
 * so callers see one shape whether the result came from the parser or from the tape. A tape
 * record is a fixed header (kind, length and hash of the text, error flag, cursor position,
 * length of the bytes) followed by the bytes, a NUL and padding to 8 bytes. A record is
 * replayed only for the same text, and tokens and statement bounds must lie inside it.
 */
#include "miglint/pgq.h"

#include <dlfcn.h>
#include <limits.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"
#include "miglint/hash.h"

struct record_header
{
	uint8_t kind;
	uint8_t is_error;
	int32_t cursorpos;
	uint64_t text_len;
	uint64_t text_hash; /* ml_hash64 of the text: a record of another text is no match */
	uint64_t len;
};

static __thread struct ml_pgq_tape *tape;
static __thread bool made_context; /* this thread called libpg_query */

/* Fills 'r' with a copy of 'data' (or of the error 'message'). */
static void
set_result(struct ml_pgq_result *r, const char *data, size_t len, const char *message,
		   int cursorpos)
{
	const char *bytes = message != NULL ? message : data;
	size_t n = message != NULL ? strlen(message) : len;

	r->owned = malloc(n + 1);
	if (r->owned == NULL)
		ml_fatal_oom();
	if (n > 0)
		memcpy(r->owned, bytes, n);
	r->owned[n] = '\0';
	r->data = message != NULL ? NULL : r->owned;
	r->len = message != NULL ? 0 : n;
	r->error = message != NULL ? r->owned : NULL;
	r->cursorpos = message != NULL ? cursorpos : 0;
}

/*
 * The field numbers of ScanResult.tokens and of ScanToken's members, read once from the
 * descriptors libpg_query carries, so that decode_scan follows its .proto.
 */
struct scan_ids
{
	uint32_t tokens, start, end, token, keyword;
};

static struct scan_ids scan_ids;
static pthread_once_t scan_ids_once = PTHREAD_ONCE_INIT;

static uint32_t
field_id(const ProtobufCMessageDescriptor *d, const char *name)
{
	const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, name);

	return f != NULL ? f->id : 0;
}

static void
init_scan_ids(void)
{
	scan_ids.tokens = field_id(&pg_query__scan_result__descriptor, "tokens");
	scan_ids.start = field_id(&pg_query__scan_token__descriptor, "start");
	scan_ids.end = field_id(&pg_query__scan_token__descriptor, "end");
	scan_ids.token = field_id(&pg_query__scan_token__descriptor, "token");
	scan_ids.keyword = field_id(&pg_query__scan_token__descriptor, "keyword_kind");
}

/* Reads a varint at *p, before 'end'; false when it runs past the end or past 10 bytes. */
static inline bool
read_varint(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
	uint64_t v = 0;

	if (*p < end && **p < 0x80)
	{
		*out = *(*p)++; /* most fields of a token fit in one byte */
		return true;
	}
	for (unsigned shift = 0; shift < 70 && *p < end; shift += 7)
	{
		uint8_t b = *(*p)++;

		v |= (uint64_t) (b & 0x7f) << shift;
		if ((b & 0x80) == 0)
		{
			*out = v;
			return true;
		}
	}
	return false;
}

/* Reads a field's key, and for a length-delimited field its bounds; skips any other value. */
static inline bool
read_field(const uint8_t **p, const uint8_t *end, uint32_t *id, uint64_t *value,
		   const uint8_t **sub, const uint8_t **sub_end)
{
	uint64_t key, n = 0;

	*sub = *sub_end = NULL;
	*value = 0;
	if (!read_varint(p, end, &key))
		return false;
	*id = (uint32_t) (key >> 3);
	switch (key & 7)
	{
		case 0:
			return read_varint(p, end, value);
		case 1:
			n = 8;
			break;
		case 2:
			if (!read_varint(p, end, &n) || n > (uint64_t) (end - *p))
				return false;
			*sub = *p;
			*sub_end = *p + n;
			break;
		case 5:
			n = 4;
			break;
		default:
			return false;
	}
	if (n > (uint64_t) (end - *p))
		return false;
	*p += n;
	return true;
}

/* One ScanToken message as a quad: start, end, token, keyword kind (absent fields are 0). */
static bool
decode_token(const uint8_t *p, const uint8_t *end, int32_t q[4])
{
	q[0] = q[1] = q[2] = q[3] = 0;
	while (p < end)
	{
		const uint8_t *sub, *sub_end;
		uint64_t v;
		uint32_t id;

		if (!read_field(&p, end, &id, &v, &sub, &sub_end))
			return false;
		if (sub != NULL)
			continue;
		if (id == scan_ids.start)
			q[0] = (int32_t) (uint32_t) v;
		else if (id == scan_ids.end)
			q[1] = (int32_t) (uint32_t) v;
		else if (id == scan_ids.token)
			q[2] = (int32_t) (uint32_t) v;
		else if (id == scan_ids.keyword)
			q[3] = (int32_t) (uint32_t) v;
	}
	return true;
}

/*
 * A packed ScanResult as int32 quads, read straight from protobuf's wire format: protobuf-c's
 * unpack made and freed a message per token, which cost most of what libpg_query's scan did.
 * Returns the malloc'd quads (one spare) and their count in *n, or NULL when the bytes are
 * not a ScanResult.
 */
static int32_t *
decode_scan(const uint8_t *data, size_t len, size_t *n)
{
	const uint8_t *p = data, *end = data + len, *sub, *sub_end;
	int32_t *quads;
	size_t count = 0;
	uint64_t v;
	uint32_t id;

	(void) pthread_once(&scan_ids_once, init_scan_ids);
	while (p < end)
	{
		if (!read_field(&p, end, &id, &v, &sub, &sub_end))
			return NULL;
		count += sub != NULL && id == scan_ids.tokens;
	}
	quads = calloc(4 * count + 4, sizeof(int32_t));
	if (quads == NULL)
		ml_fatal_oom();
	*n = 0;
	for (p = data; p < end;)
	{
		(void) read_field(&p, end, &id, &v, &sub, &sub_end);
		if (sub != NULL && id == scan_ids.tokens && !decode_token(sub, sub_end, &quads[4 * (*n)++]))
		{
			free(quads);
			return NULL;
		}
	}
	return quads;
}

/* Tokens as int32 quads: a replay then costs a copy, not a protobuf unpack per token. */
static void
call_scan(struct ml_pgq_result *r, const char *text)
{
	PgQueryScanResult s = pg_query_scan(text);
	int32_t *quads;
	size_t n;

	if (s.error != NULL)
		set_result(r, NULL, 0, s.error->message, s.error->cursorpos);
	else if ((quads = decode_scan((const uint8_t *) s.pbuf.data, s.pbuf.len, &n)) == NULL)
		set_result(r, NULL, 0, "could not unpack the scan result", 0);
	else
	{
		/* The quads become the result as they are (decode_scan left a zeroed spare). */
		r->owned = (char *) quads;
		r->data = r->owned;
		r->len = 4 * n * sizeof(int32_t);
		r->error = NULL;
		r->cursorpos = 0;
	}
	pg_query_free_scan_result(s);
}

static void
call_parse(struct ml_pgq_result *r, const char *text)
{
	PgQueryProtobufParseResult p = pg_query_parse_protobuf(text);

	if (p.error != NULL)
		set_result(r, NULL, 0, p.error->message, p.error->cursorpos);
	else
		set_result(r, p.parse_tree.data, p.parse_tree.len, NULL, 0);
	pg_query_free_protobuf_parse_result(p);
}

static void
call_split(struct ml_pgq_result *r, const char *text)
{
	PgQuerySplitResult s = pg_query_split_with_scanner(text);

	if (s.error != NULL)
		set_result(r, NULL, 0, s.error->message, s.error->cursorpos);
	else
	{
		size_t n = s.n_stmts > 0 ? (size_t) s.n_stmts : 0;
		int32_t *pairs = calloc(2 * n + 1, sizeof(int32_t));

		if (pairs == NULL)
			ml_fatal_oom();
		for (size_t i = 0; i < n; i++)
		{
			pairs[2 * i] = s.stmts[i]->stmt_location;
			pairs[2 * i + 1] = s.stmts[i]->stmt_len;
		}
		set_result(r, (const char *) pairs, 2 * n * sizeof(int32_t), NULL, 0);
		free(pairs);
	}
	pg_query_free_split_result(s);
}

static void
call_plpgsql(struct ml_pgq_result *r, const char *text)
{
	PgQueryPlpgsqlParseResult p = pg_query_parse_plpgsql(text);

	if (p.error != NULL)
		set_result(r, NULL, 0, p.error->message, p.error->cursorpos);
	else
		set_result(r, p.plpgsql_funcs, p.plpgsql_funcs ? strlen(p.plpgsql_funcs) : 0, NULL, 0);
	pg_query_free_plpgsql_parse_result(p);
}

/* Records are padded to 8 bytes, so that the int32 results are aligned when replayed. */
static size_t
padded(size_t n)
{
	return (n + 7) & ~(size_t) 7;
}

/*
 * True when the int32 results of a scan or split stay inside a text of 'text_len' bytes:
 * tokens as (start, end, ...) quads, statements as (location, length) pairs.
 */
static bool
in_bounds(enum ml_pgq_kind kind, const char *bytes, size_t len, size_t text_len)
{
	size_t stride = kind == ML_PGQ_SCAN ? 4 : 2;
	int32_t v[4];

	if (len % (stride * sizeof(int32_t)) != 0)
		return false;
	for (size_t at = 0; at < len; at += stride * sizeof(int32_t))
	{
		memcpy(v, bytes + at, 2 * sizeof(int32_t));
		if (v[0] < 0 || v[1] < 0 || (size_t) v[0] > text_len ||
			(kind == ML_PGQ_SCAN ? v[1] < v[0] || (size_t) v[1] > text_len
								 : (size_t) v[1] > text_len - (size_t) v[0]))
			return false;
	}
	return true;
}

/* The tape's next record when it is a 'kind' call on this text. */
static bool
replay(struct ml_pgq_result *r, enum ml_pgq_kind kind, const char *text, size_t text_len)
{
	struct record_header h;
	const char *bytes;

	if (tape->len - tape->pos < sizeof(h))
		return false;
	memcpy(&h, tape->data + tape->pos, sizeof(h));
	if (h.kind != kind || h.text_len != text_len || h.len >= tape->len - tape->pos - sizeof(h))
		return false;
	bytes = tape->data + tape->pos + sizeof(h);
	if (bytes[h.len] != '\0' || padded(h.len + 1) > tape->len - tape->pos - sizeof(h) ||
		h.text_hash != ml_hash64(text, text_len) || h.cursorpos < 0 ||
		(size_t) h.cursorpos > text_len + 1)
		return false;
	if (!h.is_error && (kind == ML_PGQ_SCAN || kind == ML_PGQ_SPLIT) &&
		!in_bounds(kind, bytes, (size_t) h.len, text_len))
		return false;
	tape->pos += sizeof(h) + padded(h.len + 1);
	r->owned = NULL;
	r->data = h.is_error ? NULL : bytes;
	r->len = h.is_error ? 0 : h.len;
	r->error = h.is_error ? bytes : NULL;
	r->cursorpos = h.cursorpos;
	return true;
}

static void
record(const struct ml_pgq_result *r, enum ml_pgq_kind kind, const char *text, size_t text_len)
{
	struct record_header h = {0};
	const char *bytes = r->error != NULL ? r->error : r->data;

	h.kind = (uint8_t) kind;
	h.is_error = r->error != NULL;
	h.cursorpos = r->cursorpos;
	h.text_len = text_len;
	h.text_hash = ml_hash64(text, text_len);
	h.len = r->error != NULL ? strlen(r->error) : r->len;
	ml_strbuf_add(tape->record, (const char *) &h, sizeof(h));
	ml_strbuf_add(tape->record, bytes, (size_t) h.len);
	for (size_t i = h.len; i < padded(h.len + 1); i++)
		ml_strbuf_putc(tape->record, '\0');
}

void
ml_pgq_call(struct ml_pgq_result *r, enum ml_pgq_kind kind, const char *text)
{
	size_t text_len = strlen(text);

	if (tape != NULL && tape->data != NULL)
	{
		if (replay(r, kind, text, text_len))
			return;
		tape->diverged = true;
		tape->data = NULL;
	}
	made_context = true;
	if (kind == ML_PGQ_SCAN)
		call_scan(r, text);
	else if (kind == ML_PGQ_PARSE)
		call_parse(r, text);
	else if (kind == ML_PGQ_SPLIT)
		call_split(r, text);
	else
		call_plpgsql(r, text);
	if (tape != NULL && tape->record != NULL)
		record(r, kind, text, text_len);
}

void
ml_pgq_done(struct ml_pgq_result *r)
{
	free(r->owned);
	memset(r, 0, sizeof(*r));
}

void
ml_pgq_record(struct ml_pgq_tape *t, struct ml_strbuf *out)
{
	memset(t, 0, sizeof(*t));
	t->record = out;
	tape = t;
}

void
ml_pgq_replay(struct ml_pgq_tape *t, const char *data, size_t len)
{
	memset(t, 0, sizeof(*t));
	t->data = data;
	t->len = len;
	tape = t;
}

bool
ml_pgq_stop(struct ml_pgq_tape *t)
{
	bool ok = !t->diverged && (t->data == NULL || t->pos == t->len);

	tape = NULL;
	return t->record != NULL || ok;
}

void
ml_pgq_exit(void)
{
	if (made_context)
		pg_query_exit();
	made_context = false;
}

/* Texts a helper is worth starting for: fewer parse faster than a thread starts. */
#define AHEAD_MIN 256
/*
 * The texts go in blocks of this many: in each the caller parses from the front and the
 * helper from the back until they meet, and the helper is at most one block ahead, which
 * bounds the results it holds.
 */
#define AHEAD_BLOCK 1024

enum ahead_state
{
	AHEAD_FREE,	   /* nobody has it yet */
	AHEAD_CALLER,  /* the caller parses it itself */
	AHEAD_RUNNING, /* the helper is parsing it */
	AHEAD_DONE	   /* the helper's result waits in results[i] */
};

struct ml_pgq_ahead
{
	pthread_mutex_t lock;
	pthread_cond_t done;  /* the helper finished a text */
	pthread_cond_t space; /* the caller moved on, or stopped the helper */
	pthread_t thread;
	bool started;
	char *const *texts;
	size_t n;
	unsigned char *state;
	struct ml_pgq_result *results;
	size_t taken; /* the text the caller asks for now */
	bool stop;
};

static bool ahead_on = true;

void
ml_pgq_ahead_enable(bool on)
{
	ahead_on = on;
}

/*
 * The helper: in each block, parses texts from the last backwards until it reaches one the
 * caller took; it starts block b only once the caller has reached block b - 1.
 */
static void *
ahead_run(void *arg)
{
	struct ml_pgq_ahead *a = arg;

	pthread_mutex_lock(&a->lock);
	for (size_t start = 0; start < a->n && !a->stop; start += AHEAD_BLOCK)
	{
		size_t end = start + AHEAD_BLOCK < a->n ? start + AHEAD_BLOCK : a->n;

		while (!a->stop && start >= AHEAD_BLOCK && a->taken < start - AHEAD_BLOCK)
			pthread_cond_wait(&a->space, &a->lock);
		for (size_t i = end; i-- > start && !a->stop && a->state[i] == AHEAD_FREE;)
		{
			a->state[i] = AHEAD_RUNNING;
			pthread_mutex_unlock(&a->lock);
			call_parse(&a->results[i], a->texts[i]);
			pthread_mutex_lock(&a->lock);
			a->state[i] = AHEAD_DONE;
			pthread_cond_broadcast(&a->done);
		}
	}
	pthread_mutex_unlock(&a->lock);
	/* libpg_query frees this thread's memory itself when the thread ends. */
	return NULL;
}

bool
ml_pgq_ahead_wanted(size_t n)
{
	return ahead_on && n >= AHEAD_MIN && (tape == NULL || tape->data == NULL);
}

struct ml_pgq_ahead *
ml_pgq_ahead_start(char *const *texts, size_t n)
{
	struct ml_pgq_ahead *a;

	if (!ml_pgq_ahead_wanted(n))
		return NULL;
	a = calloc(1, sizeof(*a));
	if (a == NULL || (a->state = calloc(n, 1)) == NULL ||
		(a->results = calloc(n, sizeof(*a->results))) == NULL)
		ml_fatal_oom();
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->done, NULL);
	pthread_cond_init(&a->space, NULL);
	a->texts = texts;
	a->n = n;
	a->started = pthread_create(&a->thread, NULL, ahead_run, a) == 0;
	if (!a->started)
	{
		/* No thread: the caller parses everything itself, as without a helper. */
		a->stop = true;
		ml_pgq_ahead_finish(a);
		return NULL;
	}
	return a;
}

void
ml_pgq_ahead_call(struct ml_pgq_ahead *a, size_t i, struct ml_pgq_result *r)
{
	pthread_mutex_lock(&a->lock);
	a->taken = i;
	if (i % AHEAD_BLOCK == 0)
		pthread_cond_broadcast(&a->space);
	if (a->state[i] == AHEAD_FREE)
	{
		a->state[i] = AHEAD_CALLER;
		pthread_mutex_unlock(&a->lock);
		ml_pgq_call(r, ML_PGQ_PARSE, a->texts[i]);
		return;
	}
	while (a->state[i] != AHEAD_DONE)
		pthread_cond_wait(&a->done, &a->lock);
	*r = a->results[i];
	memset(&a->results[i], 0, sizeof(a->results[i]));
	pthread_mutex_unlock(&a->lock);
	if (tape != NULL && tape->record != NULL)
		record(r, ML_PGQ_PARSE, a->texts[i], strlen(a->texts[i]));
}

void
ml_pgq_ahead_finish(struct ml_pgq_ahead *a)
{
	if (a == NULL)
		return;
	pthread_mutex_lock(&a->lock);
	a->stop = true;
	pthread_cond_broadcast(&a->space);
	pthread_mutex_unlock(&a->lock);
	if (a->started)
		pthread_join(a->thread, NULL);
	for (size_t i = 0; i < a->n; i++)
		free(a->results[i].owned);
	pthread_cond_destroy(&a->done);
	pthread_cond_destroy(&a->space);
	pthread_mutex_destroy(&a->lock);
	free(a->results);
	free(a->state);
	free(a);
}

static char identity[PATH_MAX + 64];
static pthread_once_t identity_once = PTHREAD_ONCE_INIT;

static void
find_identity(void)
{
	Dl_info info;
	char real[PATH_MAX];
	const char *lib = "unknown";

	if (dladdr((void *) pg_query_parse_protobuf, &info) != 0 && info.dli_fname != NULL)
		lib = realpath(info.dli_fname, real) != NULL ? real : info.dli_fname;
	snprintf(identity, sizeof(identity), "libpg_query PostgreSQL %s, %s", PG_VERSION, lib);
}

const char *
ml_pgq_identity(void)
{
	pthread_once(&identity_once, find_identity);
	return identity;
}
