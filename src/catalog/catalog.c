/* SPDX-License-Identifier: MIT */
/*
 * catalog.c
 *	  Replaying statements into the in-memory schema (see catalog.h).
 *
 * Relations (tables, views, materialized views, indexes, sequences) share one namespace per
 * schema, as in PostgreSQL; types have their own, schemas and extensions are global, and
 * columns, constraints and triggers belong to their table. Objects are never freed before
 * the catalog is: a drop marks them dead and takes them out of the name table, so a later
 * CREATE of the same name is a new object, not a recreation.
 */
#include "miglint/catalog.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miglint/arena.h"
#include "miglint/strbuf.h"
#include "miglint/strmap.h"

#define NAMEDATALEN 64

/*
 * One object. A catalog of a large folder holds hundreds of thousands, so the counts are
 * 32-bit and what only an index or only an enum type has shares one union (read it only for
 * that kind: the accessors below check).
 */
struct ml_cat_object
{
	enum ml_obj_kind kind;
	bool alive;
	bool columns_known;	  /* CREATE TABLE listed them (not AS, not PARTITION OF, not LIKE) */
	bool indexes_unknown; /* LIKE or PARTITION OF: indexes came from elsewhere */
	bool partial;		  /* an index with WHERE */
	uint32_t n_cols, cap_cols;
	uint32_t n_cons, cap_cons;
	uint32_t n_triggers, cap_triggers;
	uint32_t n_indexes, cap_indexes;
	const char *schema; /* "" for schemas and extensions; interned (schema_name) */
	const char *name;	/* points into the key */
	char *key;
	struct ml_origin origin;
	struct ml_cat_column *cols;
	struct ml_cat_constraint *cons;
	char **triggers;
	struct ml_cat_object *table;	/* an index's or an owned sequence's table */
	struct ml_cat_object **indexes; /* a table's indexes, as they came (dropped ones too) */
	const char *def;				/* what defines it, to compare a re-creation with */
	union
	{
		struct /* ML_OBJ_INDEX */
		{
			char **keys;	 /* the key columns; NULL for an expression */
			char **not_null; /* a WHERE of only "col IS NOT NULL" tests: their columns */
			char *method;	 /* the access method; NULL for btree */
			uint32_t n_keys, n_not_null;
		};
		struct /* ML_OBJ_TYPE */
		{
			char **values;					 /* an enum's values, in order */
			struct ml_enum_addition **added; /* per value: its ADD VALUE, NULL for CREATE TYPE's */
			uint32_t n_values, cap_values;
		};
	};
	struct ml_tx_pos tx; /* where it was created */
};

/* Kept a multiple of the arena's 16-byte alignment: a catalog holds one per object. */
_Static_assert(sizeof(struct ml_cat_object) <= 192, "struct ml_cat_object grew");

struct ml_catalog
{
	struct ml_arena *arena;
	struct ml_strmap *names;   /* key -> live object */
	struct ml_strmap *schemas; /* schema name -> its one copy (schema_name) */
	/* Per kind, key -> the object of that kind dropped last under it (made on first drop). */
	struct ml_strmap *dropped[ML_OBJ_TRIGGER + 1];
	struct ml_cat_object **objects;
	size_t n_objects, cap_objects;
	char *search_schema;
	size_t migration;
	const char *file;
	const struct ml_source *src;
	struct ml_recreation *recreations;
	size_t n_recreations, cap_recreations;
	size_t total_recreations;
	size_t count_before[ML_OBJ_TRIGGER + 1];
	size_t live[ML_OBJ_TRIGGER + 1]; /* live objects per kind, kept as they come and go */
	bool exact;
	/* Transactions: COMMIT / ROLLBACK / PREPARE TRANSACTION replayed, in all and at the
	 * current migration's start; an explicit BEGIN open. */
	size_t epoch, file_epoch;
	bool block;
	const struct ml_enum_addition *last_addition;
};

const char *
ml_obj_kind_name(enum ml_obj_kind kind)
{
	static const char *const names[] = {"schema", "table", "view", "materialized view", "index",
										"sequence", "type", "extension", "function", "column",
										"constraint", "trigger"};

	return names[kind];
}

struct ml_catalog *
ml_catalog_create(void)
{
	struct ml_catalog *cat = calloc(1, sizeof(*cat));

	if (cat == NULL)
		ml_fatal_oom();
	cat->arena = ml_arena_create();
	cat->names = ml_strmap_create();
	cat->schemas = ml_strmap_create();
	cat->search_schema = ml_arena_strdup(cat->arena, "public");
	cat->exact = true;
	cat->file = "";
	return cat;
}

void
ml_catalog_destroy(struct ml_catalog *cat)
{
	if (cat == NULL)
		return;
	for (size_t i = 0; i < cat->n_objects; i++)
	{
		free(cat->objects[i]->cols);
		free(cat->objects[i]->cons);
		free(cat->objects[i]->triggers);
		if (cat->objects[i]->kind == ML_OBJ_TYPE)
		{
			free(cat->objects[i]->values);
			free(cat->objects[i]->added);
		}
		free(cat->objects[i]->indexes);
	}
	free(cat->objects);
	free(cat->recreations);
	ml_strmap_destroy(cat->names);
	ml_strmap_destroy(cat->schemas);
	for (size_t k = 0; k <= ML_OBJ_TRIGGER; k++)
		ml_strmap_destroy(cat->dropped[k]);
	ml_arena_destroy(cat->arena);
	free(cat);
}

static bool
is_relation(enum ml_obj_kind k)
{
	return k == ML_OBJ_TABLE || k == ML_OBJ_VIEW || k == ML_OBJ_MATVIEW || k == ML_OBJ_INDEX ||
		   k == ML_OBJ_SEQUENCE;
}

/*
 * The name-table key: relations share one namespace per schema. Written into buf[0..cap)
 * when it fits (a lookup needs no allocation), else allocated in 'a'.
 */
static char *
key_into(char *buf, size_t cap, struct ml_arena *a, enum ml_obj_kind kind, const char *schema,
		 const char *name)
{
	char ns = is_relation(kind) ? 'r' : kind == ML_OBJ_TYPE ? 't' : kind == ML_OBJ_SCHEMA ? 's'
									 : kind == ML_OBJ_EXTENSION ? 'e' : 'f';
	size_t ls = schema ? strlen(schema) : 0, ln = strlen(name), need = ls + ln + 4;
	char *out = need <= cap ? buf : ml_arena_alloc(a, need);

	out[0] = ns;
	out[1] = '\x1f';
	memcpy(out + 2, schema ? schema : "", ls);
	out[2 + ls] = '\x1f';
	memcpy(out + 3 + ls, name, ln + 1);
	return out;
}

/* One copy of each schema name, shared by every object in it. */
static const char *
schema_name(struct ml_catalog *cat, const char *schema)
{
	return ml_strmap_intern(cat->schemas, cat->arena, schema);
}

/* Gives 'obj' its schema, name and key (the name is kept once, inside the key). */
static void
set_names(struct ml_catalog *cat, struct ml_cat_object *obj, const char *schema, const char *name)
{
	obj->schema = schema_name(cat, schema ? schema : "");
	obj->key = key_into(NULL, 0, cat->arena, obj->kind, obj->schema, name);
	obj->name = obj->key + 3 + strlen(obj->schema); /* past "k\x1f<schema>\x1f" */
}

void
ml_catalog_begin(struct ml_catalog *cat, size_t migration, const struct ml_source *src)
{
	cat->migration = migration;
	cat->src = src;
	cat->file = ml_arena_strdup(cat->arena, src->path);
	cat->n_recreations = 0;
	cat->file_epoch = cat->epoch;
	memcpy(cat->count_before, cat->live, sizeof(cat->count_before));
}

size_t
ml_catalog_count_before(const struct ml_catalog *cat, enum ml_obj_kind kind)
{
	return cat->count_before[kind];
}

size_t
ml_catalog_migration(const struct ml_catalog *cat)
{
	return cat->migration;
}

const struct ml_recreation *
ml_catalog_recreations(const struct ml_catalog *cat, size_t *n)
{
	*n = cat->n_recreations;
	return cat->recreations;
}

void
ml_catalog_mark_inexact(struct ml_catalog *cat)
{
	cat->exact = false;
}

size_t
ml_catalog_total_recreations(const struct ml_catalog *cat)
{
	return cat->total_recreations;
}

bool
ml_catalog_is_recreation(const struct ml_catalog *cat)
{
	size_t tables = 0, before = cat->count_before[ML_OBJ_TABLE];

	for (size_t i = 0; i < cat->n_recreations; i++)
		if (cat->recreations[i].kind == ML_OBJ_TABLE &&
			cat->recreations[i].first.migration < cat->migration)
			tables++;
	return tables >= 3 || (before > 0 && tables * 2 > before);
}

bool
ml_catalog_exact(const struct ml_catalog *cat)
{
	return cat->exact;
}

struct ml_tx_pos
ml_catalog_tx_now(const struct ml_catalog *cat)
{
	struct ml_tx_pos p;

	p.migration = cat->migration;
	p.epoch = cat->epoch;
	p.file_first = cat->epoch == cat->file_epoch;
	p.block = cat->block;
	return p;
}

/*
 * BEGIN opens an explicit block; COMMIT, ROLLBACK and PREPARE TRANSACTION end the
 * transaction running (COMMIT AND CHAIN opens the next block at once). Savepoints do not.
 */
static void
transaction_stmt(struct ml_catalog *cat, const PgQuery__Node *node)
{
	enum ml_tx_effect e = ml_stmt_tx_effect(node);

	if (e == ML_TX_OPEN)
		cat->block = true;
	else if (e == ML_TX_END || e == ML_TX_END_AND_OPEN)
	{
		cat->epoch++;
		cat->block = e == ML_TX_END_AND_OPEN;
	}
}

/* Index of the statement's first token (not a comment) at or after file offset 'at'. */
static size_t
token_at(const struct ml_stmt *stmt, size_t at)
{
	size_t lo = ml_tokens_at(stmt->tokens, stmt->n_tokens, at);

	while (lo < stmt->n_tokens && ml_token_is_comment(&stmt->tokens[lo]))
		lo++;
	return lo;
}

static struct ml_origin
origin_of(struct ml_catalog *cat, const struct ml_stmt *stmt)
{
	struct ml_origin o;
	size_t i = token_at(stmt, stmt->start);

	o.migration = cat->migration;
	o.file = cat->file;
	o.order = cat->src->order;
	ml_source_line_col(cat->src, stmt->start, &o.line, &o.col);
	o.start = stmt->start;
	o.end = i < stmt->n_tokens && stmt->tokens[i].start < stmt->end ? stmt->tokens[i].end
																	 : stmt->start;
	return o;
}

/*
 * Where a constraint is written ('location' of its node): its leading keywords, up to
 * FOREIGN KEY or REFERENCES ("CONSTRAINT "x" FOREIGN KEY"), else the statement's start.
 */
static void
constraint_span(struct ml_origin *o, const struct ml_stmt *stmt, int location)
{
	long at = ml_stmt_location(stmt, location);
	size_t i;

	if (at < 0 || (i = token_at(stmt, (size_t) at)) >= stmt->n_tokens ||
		stmt->tokens[i].start >= stmt->end)
		return;
	o->start = stmt->tokens[i].start;
	for (size_t k = i; k < stmt->n_tokens && k < i + 5 && stmt->tokens[k].start < stmt->end; k++)
	{
		o->end = stmt->tokens[k].end;
		if (stmt->tokens[k].token == PG_QUERY__TOKEN__KEY ||
			stmt->tokens[k].token == PG_QUERY__TOKEN__REFERENCES)
			break;
	}
}

static void
record(struct ml_catalog *cat, const struct ml_stmt *stmt, enum ml_obj_kind kind,
	   const struct ml_origin *first, bool ine, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Records a CREATE or ADD of something that exists. */
static void
record(struct ml_catalog *cat, const struct ml_stmt *stmt, enum ml_obj_kind kind,
	   const struct ml_origin *first, bool ine, const char *fmt, ...)
{
	struct ml_recreation *r;
	va_list ap;

	if (cat->n_recreations == cat->cap_recreations)
	{
		cat->cap_recreations = cat->cap_recreations ? cat->cap_recreations * 2 : 16;
		cat->recreations = realloc(cat->recreations, cat->cap_recreations * sizeof(*r));
		if (cat->recreations == NULL)
			ml_fatal_oom();
	}
	r = &cat->recreations[cat->n_recreations++];
	cat->total_recreations++;
	r->kind = kind;
	va_start(ap, fmt);
	r->name = ml_arena_vprintf(cat->arena, fmt, ap);
	va_end(ap);
	r->stmt = stmt;
	r->if_not_exists = ine;
	r->first = *first;
}

static struct ml_cat_object *
lookup(const struct ml_catalog *cat, enum ml_obj_kind kind, const char *schema, const char *name)
{
	char buf[512];
	const char *key = key_into(buf, sizeof(buf), cat->arena, kind, schema, name);

	/* Identifiers are at most 63 bytes, so the arena is used only for freak names. */
	return ml_strmap_get(cat->names, key);
}

static struct ml_cat_object *
add_object(struct ml_catalog *cat, enum ml_obj_kind kind, const char *schema, const char *name,
		   const struct ml_stmt *stmt)
{
	struct ml_cat_object *obj = ml_arena_alloc(cat->arena, sizeof(*obj));

	obj->kind = kind;
	set_names(cat, obj, schema, name);
	obj->origin = origin_of(cat, stmt);
	obj->tx = ml_catalog_tx_now(cat);
	obj->alive = true;
	if (cat->n_objects == cat->cap_objects)
	{
		cat->cap_objects = cat->cap_objects ? cat->cap_objects * 2 : 64;
		cat->objects = realloc(cat->objects, cat->cap_objects * sizeof(*cat->objects));
		if (cat->objects == NULL)
			ml_fatal_oom();
	}
	cat->objects[cat->n_objects++] = obj;
	cat->live[kind]++;
	ml_strmap_set(cat->names, obj->key, obj);
	return obj;
}

/* Makes 't' (or nobody, when NULL) the table of index 'idx', and lists it among t's indexes. */
static void
set_index_table(struct ml_cat_object *idx, struct ml_cat_object *t)
{
	idx->table = t;
	if (t == NULL)
		return;
	if (t->n_indexes == t->cap_indexes)
	{
		t->cap_indexes = t->cap_indexes ? t->cap_indexes * 2 : 2;
		t->indexes = realloc(t->indexes, t->cap_indexes * sizeof(*t->indexes));
		if (t->indexes == NULL)
			ml_fatal_oom();
	}
	t->indexes[t->n_indexes++] = idx;
}

static void
kill(struct ml_catalog *cat, struct ml_cat_object *obj)
{
	if (obj == NULL || !obj->alive)
		return;
	obj->alive = false;
	cat->live[obj->kind]--;
	if (ml_strmap_get(cat->names, obj->key) == obj)
		ml_strmap_remove(cat->names, obj->key);
	if (cat->dropped[obj->kind] == NULL)
		cat->dropped[obj->kind] = ml_strmap_create();
	ml_strmap_set(cat->dropped[obj->kind], obj->key, obj);
	/*
	 * A table takes its indexes and owned sequences with it, and the foreign keys that
	 * reference it (DROP ... CASCADE; without it the DROP fails).
	 */
	if (obj->kind == ML_OBJ_TABLE || obj->kind == ML_OBJ_MATVIEW)
		for (size_t i = 0; i < cat->n_objects; i++)
		{
			struct ml_cat_object *o = cat->objects[i];

			if (o->alive && o->table == obj)
				kill(cat, o);
			for (size_t k = o->n_cons; o->alive && k > 0; k--)
				if (o->cons[k - 1].ref == obj)
					o->cons[k - 1] = o->cons[--o->n_cons];
		}
}

/* Renames or moves an object: a new key for the same object. */
static void
rekey(struct ml_catalog *cat, struct ml_cat_object *obj, const char *schema, const char *name)
{
	if (ml_strmap_get(cat->names, obj->key) == obj)
		ml_strmap_remove(cat->names, obj->key);
	set_names(cat, obj, schema, name);
	ml_strmap_set(cat->names, obj->key, obj);
}

static const char *
schema_of(const struct ml_catalog *cat, const char *schema)
{
	return schema != NULL && schema[0] != '\0' ? schema : cat->search_schema;
}

/* Quoted, qualified name for messages. */
static char *
qname(struct ml_catalog *cat, const char *schema, const char *name)
{
	struct ml_arena *a = cat->arena;

	if (schema == NULL || schema[0] == '\0')
		return ml_quote_ident(a, name);
	return ml_arena_printf(a, "%s.%s", ml_quote_ident(a, schema), ml_quote_ident(a, name));
}

/* The type name as written: "varchar", "public.user_role", with array brackets. */
static char *
type_text(struct ml_arena *a, const PgQuery__TypeName *tn)
{
	char *out = ml_arena_strdup(a, "");

	if (tn == NULL)
		return out;
	for (size_t i = 0; i < tn->n_names; i++)
	{
		const PgQuery__Node *n = tn->names[i];

		if (n->node_case != PG_QUERY__NODE__NODE_STRING)
			continue;
		/* pg_catalog.int4 is what "integer" parses to: show the short form. */
		if (strcmp(n->string->sval, "pg_catalog") == 0 && tn->n_names > 1)
			continue;
		out = ml_arena_printf(a, "%s%s%s", out, out[0] ? "." : "", n->string->sval);
	}
	if (tn->n_array_bounds > 0)
		out = ml_arena_printf(a, "%s[]", out);
	return out;
}

const struct ml_cat_object *
ml_catalog_type_named(const struct ml_catalog *cat, const PgQuery__TypeName *tn)
{
	const char *schema, *name;

	if (tn == NULL || tn->n_array_bounds > 0 || tn->pct_type ||
		!ml_name_split(tn->names, tn->n_names, &schema, &name) ||
		(schema != NULL && strcmp(schema, "pg_catalog") == 0))
		return NULL;
	return lookup(cat, ML_OBJ_TYPE, schema != NULL ? schema : cat->search_schema, name);
}

static struct ml_cat_column *
find_column(struct ml_cat_object *t, const char *name)
{
	for (size_t i = 0; i < t->n_cols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return &t->cols[i];
	return NULL;
}

static struct ml_cat_column *
add_column(struct ml_catalog *cat, struct ml_cat_object *t, const PgQuery__ColumnDef *cd,
		   const struct ml_stmt *stmt)
{
	struct ml_cat_column *c;

	if (t->n_cols == t->cap_cols)
	{
		t->cap_cols = t->cap_cols ? t->cap_cols * 2 : 4;
		t->cols = realloc(t->cols, t->cap_cols * sizeof(*t->cols));
		if (t->cols == NULL)
			ml_fatal_oom();
	}
	c = &t->cols[t->n_cols++];
	memset(c, 0, sizeof(*c));
	c->name = ml_arena_strdup(cat->arena, cd->colname);
	c->type = type_text(cat->arena, cd->type_name);
	c->type_obj = ml_catalog_type_named(cat, cd->type_name);
	c->not_null = cd->is_not_null;
	c->has_default = cd->raw_default != NULL;
	c->origin = origin_of(cat, stmt);
	for (size_t i = 0; i < cd->n_constraints; i++)
	{
		const PgQuery__Constraint *con = cd->constraints[i]->constraint;

		if (con == NULL)
			continue;
		if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL ||
			con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY)
			c->not_null = true;
		if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT ||
			con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY ||
			con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED)
			c->has_default = true;
	}
	/* serial types: NOT NULL, a default, and a sequence the column owns. */
	if (strcmp(c->type, "serial") == 0 || strcmp(c->type, "bigserial") == 0 ||
		strcmp(c->type, "smallserial") == 0 || strcmp(c->type, "serial4") == 0 ||
		strcmp(c->type, "serial8") == 0 || strcmp(c->type, "serial2") == 0)
	{
		char *seq = ml_name_make(cat->arena, t->name, c->name, "seq");

		c->not_null = true;
		c->has_default = true;
		if (lookup(cat, ML_OBJ_SEQUENCE, t->schema, seq) == NULL)
			add_object(cat, ML_OBJ_SEQUENCE, t->schema, seq, stmt)->table = t;
	}
	return c;
}

/* Names of a List of String (or IndexElem) nodes, joined by ','. */
static char *
names_text(struct ml_arena *a, PgQuery__Node *const *items, size_t n)
{
	struct ml_strbuf sb;
	char *out;

	/* Built outside the arena, which keeps every string it is given for good. */
	ml_strbuf_init(&sb);
	for (size_t i = 0; i < n; i++)
	{
		const PgQuery__Node *it = items[i];
		const char *name;

		if (it->node_case == PG_QUERY__NODE__NODE_STRING)
			name = it->string->sval;
		else if (it->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
			name = it->index_elem->name && it->index_elem->name[0] ? it->index_elem->name : "(expr)";
		else
			name = "?";
		if (i > 0)
			ml_strbuf_putc(&sb, ',');
		ml_strbuf_puts(&sb, name);
	}
	out = ml_arena_strndup(a, sb.data != NULL ? sb.data : "", sb.len);
	ml_strbuf_cleanup(&sb);
	return out;
}

static struct ml_cat_constraint *
find_constraint(struct ml_cat_object *t, const char *name)
{
	for (size_t i = 0; i < t->n_cons; i++)
		if (strcmp(t->cons[i].name, name) == 0)
			return &t->cons[i];
	return NULL;
}

/* Column names of a key list, joined by '_' as PostgreSQL names constraints. */
static char *
key_columns(struct ml_arena *a, PgQuery__Node *const *keys, size_t n)
{
	char *out = NULL;

	for (size_t i = 0; i < n; i++)
		if (keys[i]->node_case == PG_QUERY__NODE__NODE_STRING)
			out = out ? ml_arena_printf(a, "%s_%s", out, keys[i]->string->sval)
					  : ml_arena_strdup(a, keys[i]->string->sval);
	return out;
}

/* The name PostgreSQL gives a constraint; NULL when it cannot be told (unnamed CHECK). */
static char *
constraint_name(struct ml_catalog *cat, const struct ml_cat_object *t,
				const PgQuery__Constraint *con, const char *column)
{
	const char *cols;

	if (con->conname != NULL && con->conname[0] != '\0')
		return ml_arena_strdup(cat->arena, con->conname);
	switch (con->contype)
	{
		case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
			return ml_name_make(cat->arena, t->name, NULL, "pkey");
		case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
			cols = column ? column : key_columns(cat->arena, con->keys, con->n_keys);
			return cols ? ml_name_make(cat->arena, t->name, cols, "key") : NULL;
		case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
			cols = column ? column : key_columns(cat->arena, con->fk_attrs, con->n_fk_attrs);
			return cols ? ml_name_make(cat->arena, t->name, cols, "fkey") : NULL;
		default:
			return NULL;
	}
}

static bool
index_backed(PgQuery__ConstrType t)
{
	return t == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY || t == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ||
		   t == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION;
}

/* Copies a List of String nodes (column names) into *out; returns the count. */
static size_t
string_list(struct ml_catalog *cat, PgQuery__Node *const *items, size_t n, char ***out)
{
	size_t k = 0;

	*out = n > 0 ? ml_arena_alloc(cat->arena, n * sizeof(char *)) : NULL;
	for (size_t i = 0; i < n; i++)
		if (items[i]->node_case == PG_QUERY__NODE__NODE_STRING)
			(*out)[k++] = ml_arena_strdup(cat->arena, items[i]->string->sval);
	return k;
}

static struct ml_cat_object *find_table(struct ml_catalog *cat, const PgQuery__RangeVar *rv);

/* Adds a constraint (and the index behind a PRIMARY KEY / UNIQUE / EXCLUDE). */
static void
add_constraint(struct ml_catalog *cat, struct ml_cat_object *t, const PgQuery__Constraint *con,
			   const char *column, const struct ml_stmt *stmt, bool ine)
{
	char *name, *def;
	struct ml_cat_constraint *existing;
	struct ml_cat_constraint *c;

	if (con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY &&
		con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE &&
		con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN &&
		con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK &&
		con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
		return;
	name = constraint_name(cat, t, con, column);
	if (name == NULL)
		return;
	def = ml_arena_printf(cat->arena, "%d|%s|%s", (int) con->contype,
						  names_text(cat->arena, con->keys, con->n_keys),
						  names_text(cat->arena, con->fk_attrs, con->n_fk_attrs));
	existing = find_constraint(t, name);
	if (existing != NULL)
	{
		if (!ine || strcmp(existing->def, def) != 0)
			record(cat, stmt, ML_OBJ_CONSTRAINT, &existing->origin, ine, "%s of table %s",
				   ml_quote_ident(cat->arena, name), qname(cat, t->schema, t->name));
		return;
	}
	if (t->n_cons == t->cap_cons)
	{
		t->cap_cons = t->cap_cons ? t->cap_cons * 2 : 2;
		t->cons = realloc(t->cons, t->cap_cons * sizeof(*t->cons));
		if (t->cons == NULL)
			ml_fatal_oom();
	}
	c = &t->cons[t->n_cons++];
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->def = def;
	c->type = con->contype;
	c->origin = origin_of(cat, stmt);
	constraint_span(&c->origin, stmt, con->location);
	if (column != NULL &&
		(con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ||
		 con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ||
		 con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN))
	{
		c->columns = ml_arena_alloc(cat->arena, sizeof(char *));
		c->columns[0] = ml_arena_strdup(cat->arena, column);
		c->n_columns = 1;
	}
	else if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN)
		c->n_columns = string_list(cat, con->fk_attrs, con->n_fk_attrs, &c->columns);
	else if (con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK &&
			 con->contype != PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
		c->n_columns = string_list(cat, con->keys, con->n_keys, &c->columns);
	if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN && con->pktable != NULL)
	{
		c->ref = find_table(cat, con->pktable);
		c->ref_schema = ml_arena_strdup(cat->arena, schema_of(cat, con->pktable->schemaname));
		c->ref_name = ml_arena_strdup(cat->arena, con->pktable->relname);
		c->on_delete = con->fk_del_action && con->fk_del_action[0] ? con->fk_del_action[0] : 'a';
	}
	if (index_backed(con->contype))
	{
		const char *iname = con->indexname && con->indexname[0] ? con->indexname : name;
		struct ml_cat_object *idx;

		if (lookup(cat, ML_OBJ_INDEX, t->schema, iname) == NULL)
		{
			idx = add_object(cat, ML_OBJ_INDEX, t->schema, iname, stmt);
			set_index_table(idx, t);
			if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
				idx->method = ml_arena_strdup(cat->arena, con->access_method && con->access_method[0]
															  ? con->access_method
															  : "gist");
			else
			{
				idx->keys = c->columns;
				idx->n_keys = c->n_columns;
			}
		}
	}
	if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY && column != NULL)
	{
		struct ml_cat_column *col = find_column(t, column);

		if (col != NULL)
			col->not_null = true;
	}
}

static void
drop_constraint(struct ml_catalog *cat, struct ml_cat_object *t, const char *name)
{
	for (size_t i = 0; i < t->n_cons; i++)
		if (strcmp(t->cons[i].name, name) == 0)
		{
			if (index_backed(t->cons[i].type))
				kill(cat, lookup(cat, ML_OBJ_INDEX, t->schema, name));
			t->cons[i] = t->cons[--t->n_cons];
			return;
		}
}

/* A guarded DO-block statement behaves like IF [NOT] EXISTS. */
static bool
guarded(const struct ml_stmt *stmt)
{
	return stmt->in_do && stmt->n_guards > 0;
}

/*
 * CREATE of a relation or type: a recreation when the name is taken, else a new object.
 * A conditional re-creation (IF NOT EXISTS, a guard) of the same definition ("def", when
 * known) is the idempotent style, not a lost definition, and is not recorded.
 */
static struct ml_cat_object *
create(struct ml_catalog *cat, const struct ml_stmt *stmt, enum ml_obj_kind kind,
	   const char *schema, const char *name, bool ine, const char *def)
{
	struct ml_cat_object *old = lookup(cat, kind, schema, name);
	struct ml_cat_object *obj;

	ine = ine || guarded(stmt);
	if (old != NULL)
	{
		if (!ine || old->def == NULL || def == NULL || strcmp(old->def, def) != 0)
			record(cat, stmt, kind, &old->origin, ine, "%s",
				   qname(cat, kind == ML_OBJ_SCHEMA || kind == ML_OBJ_EXTENSION ? NULL : schema,
						 name));
		return NULL;
	}
	obj = add_object(cat, kind, schema, name, stmt);
	obj->def = def; /* every caller made it in the catalog's arena, or it is a literal */
	return obj;
}

/* A CREATE TABLE's definition: its columns and their types, in order. */
static char *
table_def(struct ml_arena *a, const PgQuery__CreateStmt *cs)
{
	struct ml_strbuf sb;
	char *out;

	ml_strbuf_init(&sb);
	for (size_t i = 0; i < cs->n_table_elts; i++)
		if (cs->table_elts[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
		{
			const PgQuery__ColumnDef *cd = cs->table_elts[i]->column_def;

			ml_strbuf_printf(&sb, "%s:%s;", cd->colname, type_text(a, cd->type_name));
		}
	out = ml_arena_strndup(a, sb.data != NULL ? sb.data : "", sb.len);
	ml_strbuf_cleanup(&sb);
	return out;
}

static void
create_table(struct ml_catalog *cat, const struct ml_stmt *stmt, const PgQuery__CreateStmt *cs)
{
	const PgQuery__RangeVar *rv = cs->relation;
	struct ml_cat_object *t;

	if (rv == NULL || rv->relpersistence[0] == 't')
		return;
	t = create(cat, stmt, ML_OBJ_TABLE, schema_of(cat, rv->schemaname), rv->relname,
			   cs->if_not_exists, table_def(cat->arena, cs));
	if (t == NULL)
		return;
	t->columns_known = cs->partbound == NULL && cs->of_typename == NULL && cs->n_inh_relations == 0;
	t->indexes_unknown = cs->partbound != NULL;
	/* Room for exactly the columns listed: a catalog of 100,000 tables feels every byte. */
	if (cs->n_table_elts > 0)
	{
		t->cols = malloc(cs->n_table_elts * sizeof(*t->cols));
		if (t->cols == NULL)
			ml_fatal_oom();
		t->cap_cols = cs->n_table_elts;
	}
	for (size_t i = 0; i < cs->n_table_elts; i++)
	{
		const PgQuery__Node *el = cs->table_elts[i];

		if (el->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
		{
			const PgQuery__ColumnDef *cd = el->column_def;

			if (find_column(t, cd->colname) == NULL)
				add_column(cat, t, cd, stmt);
			for (size_t k = 0; k < cd->n_constraints; k++)
				if (cd->constraints[k]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
					add_constraint(cat, t, cd->constraints[k]->constraint, cd->colname, stmt, false);
		}
		else if (el->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
			add_constraint(cat, t, el->constraint, NULL, stmt, false);
		else
		{
			t->columns_known = false; /* LIKE ... */
			t->indexes_unknown = true;
		}
	}
}

static struct ml_cat_object *
find_table(struct ml_catalog *cat, const PgQuery__RangeVar *rv)
{
	struct ml_cat_object *t;

	if (rv == NULL)
		return NULL;
	t = lookup(cat, ML_OBJ_TABLE, schema_of(cat, rv->schemaname), rv->relname);
	return t != NULL && (t->kind == ML_OBJ_TABLE || t->kind == ML_OBJ_MATVIEW ||
						 t->kind == ML_OBJ_VIEW)
			   ? t
			   : NULL;
}

/* True when 'name' is one of names[0..n). */
static bool
in_names(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], name) == 0)
			return true;
	return false;
}

/*
 * A dropped column takes with it, as in PostgreSQL, the indexes whose keys use it and the
 * constraints on it (a constraint's index too).
 */
static void
drop_column_dependents(struct ml_catalog *cat, struct ml_cat_object *t, const char *column)
{
	for (size_t i = 0; i < t->n_indexes; i++)
	{
		struct ml_cat_object *o = t->indexes[i];

		if (o->alive && in_names(o->keys, o->n_keys, column))
			kill(cat, o);
	}
	for (size_t i = t->n_cons; i > 0; i--)
		if (in_names(t->cons[i - 1].columns, t->cons[i - 1].n_columns, column))
			drop_constraint(cat, t, t->cons[i - 1].name);
}

/* A renamed column is renamed in its table's indexes and constraints too. */
static void
rename_column(struct ml_catalog *cat, struct ml_cat_object *t, const char *from, const char *to)
{
	char *name = ml_arena_strdup(cat->arena, to);

	for (size_t i = 0; i < t->n_indexes; i++)
	{
		struct ml_cat_object *o = t->indexes[i];

		if (o->alive)
		{
			for (size_t k = 0; k < o->n_keys; k++)
				if (o->keys[k] != NULL && strcmp(o->keys[k], from) == 0)
					o->keys[k] = name;
			for (size_t k = 0; k < o->n_not_null; k++)
				if (strcmp(o->not_null[k], from) == 0)
					o->not_null[k] = name;
		}
	}
	for (size_t i = 0; i < t->n_cons; i++)
		for (size_t k = 0; k < t->cons[i].n_columns; k++)
			if (strcmp(t->cons[i].columns[k], from) == 0)
				t->cons[i].columns[k] = name;
}

static void
alter_table(struct ml_catalog *cat, const struct ml_stmt *stmt, const PgQuery__AlterTableStmt *at)
{
	struct ml_cat_object *t = find_table(cat, at->relation);

	if (t == NULL)
		return;
	for (size_t i = 0; i < at->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;
		struct ml_cat_column *col;

		if (cmd == NULL)
			continue;
		switch (cmd->subtype)
		{
			case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
				if (cmd->def == NULL || cmd->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
					break;
				col = find_column(t, cmd->def->column_def->colname);
				if (col != NULL)
				{
					bool ine = cmd->missing_ok || guarded(stmt);

					/* IF NOT EXISTS of the same type is the idempotent style: nothing is lost. */
					if (!ine ||
						strcmp(col->type, type_text(cat->arena, cmd->def->column_def->type_name)) != 0)
						record(cat, stmt, ML_OBJ_COLUMN, &col->origin, ine, "%s of table %s",
							   ml_quote_ident(cat->arena, col->name), qname(cat, t->schema, t->name));
				}
				else
				{
					const PgQuery__ColumnDef *cd = cmd->def->column_def;

					add_column(cat, t, cd, stmt);
					for (size_t k = 0; k < cd->n_constraints; k++)
						if (cd->constraints[k]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
							add_constraint(cat, t, cd->constraints[k]->constraint, cd->colname,
										   stmt, false);
				}
				break;
			case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
				col = find_column(t, cmd->name);
				/* Keep the order: INSERT without a column list goes by position. */
				if (col != NULL)
				{
					memmove(col, col + 1, (size_t) (t->cols + --t->n_cols - col) * sizeof(*col));
					drop_column_dependents(cat, t, cmd->name);
				}
				break;
			case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
				col = find_column(t, cmd->name);
				if (col != NULL && cmd->def != NULL &&
					cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
				{
					col->type = type_text(cat->arena, cmd->def->column_def->type_name);
					col->type_obj = ml_catalog_type_named(cat, cmd->def->column_def->type_name);
				}
				break;
			case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
			case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
				col = find_column(t, cmd->name);
				if (col != NULL)
					col->not_null = cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull;
				break;
			case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
				col = find_column(t, cmd->name);
				if (col != NULL)
					col->has_default = cmd->def != NULL;
				break;
			case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
				if (cmd->def != NULL && cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
					add_constraint(cat, t, cmd->def->constraint, NULL, stmt, guarded(stmt));
				break;
			case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
				drop_constraint(cat, t, cmd->name);
				break;
			default:
				break;
		}
	}
}

/*
 * The name PostgreSQL gives an unnamed index (ChooseIndexName): table_columns_idx, with
 * "expr" for an expression and INCLUDE columns too, numbered when the name is taken.
 */
static char *
choose_index_name(struct ml_catalog *cat, const char *schema, const PgQuery__IndexStmt *ix)
{
	char *cols = NULL, *name;
	size_t n = ix->n_index_params + ix->n_index_including_params;

	for (size_t i = 0; i < n; i++)
	{
		const PgQuery__Node *p = i < ix->n_index_params
									 ? ix->index_params[i]
									 : ix->index_including_params[i - ix->n_index_params];
		const char *col = p->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM && p->index_elem->name &&
								  p->index_elem->name[0]
							  ? p->index_elem->name
							  : "expr";

		cols = cols ? ml_arena_printf(cat->arena, "%s_%s", cols, col)
					: ml_arena_strdup(cat->arena, col);
		if (strlen(cols) >= NAMEDATALEN)
			break;
	}
	name = ml_name_make(cat->arena, ix->relation->relname, cols, "idx");
	for (int pass = 1; lookup(cat, ML_OBJ_INDEX, schema, name) != NULL; pass++)
		name = ml_name_make(cat->arena, ix->relation->relname, cols,
						   ml_arena_printf(cat->arena, "%s%d", "idx", pass));
	return name;
}

/*
 * Collects the columns of a predicate made only of "col IS NOT NULL" tests (joined by AND)
 * into idx->not_null; false for any other predicate (then the list is meaningless).
 */
static bool
not_null_tests(struct ml_catalog *cat, struct ml_cat_object *idx, const PgQuery__Node *e)
{
	if (e == NULL)
		return false;
	if (e->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR &&
		e->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR)
	{
		for (size_t i = 0; i < e->bool_expr->n_args; i++)
			if (!not_null_tests(cat, idx, e->bool_expr->args[i]))
				return false;
		return true;
	}
	if (e->node_case == PG_QUERY__NODE__NODE_NULL_TEST &&
		e->null_test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL &&
		e->null_test->arg != NULL && e->null_test->arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
		e->null_test->arg->column_ref->n_fields == 1 &&
		e->null_test->arg->column_ref->fields[0]->node_case == PG_QUERY__NODE__NODE_STRING)
	{
		char **grown = ml_arena_alloc(cat->arena, (idx->n_not_null + 1) * sizeof(char *));

		if (idx->n_not_null > 0)
			memcpy(grown, idx->not_null, idx->n_not_null * sizeof(char *));
		grown[idx->n_not_null++] = ml_arena_strdup(
			cat->arena, e->null_test->arg->column_ref->fields[0]->string->sval);
		idx->not_null = grown;
		return true;
	}
	return false;
}

static void
create_index(struct ml_catalog *cat, const struct ml_stmt *stmt, const PgQuery__IndexStmt *ix)
{
	struct ml_cat_object *t = find_table(cat, ix->relation), *idx;
	const char *schema;
	const char *method = ix->access_method && ix->access_method[0] ? ix->access_method : "btree";

	if (ix->relation == NULL)
		return;
	schema = t ? t->schema : schema_of(cat, ix->relation->schemaname);
	/* An unnamed index gets a name PostgreSQL makes unique: it never clashes. */
	if (ix->idxname == NULL || ix->idxname[0] == '\0')
		idx = add_object(cat, ML_OBJ_INDEX, schema, choose_index_name(cat, schema, ix), stmt);
	else
		idx = create(cat, stmt, ML_OBJ_INDEX, schema, ix->idxname, ix->if_not_exists,
					 ml_arena_printf(cat->arena, "%s|%d|%s|%s", ix->relation->relname, ix->unique,
									 ix->access_method ? ix->access_method : "",
									 names_text(cat->arena, ix->index_params, ix->n_index_params)));
	if (idx == NULL)
		return;
	set_index_table(idx, t);
	idx->partial = ix->where_clause != NULL;
	if (idx->partial && !not_null_tests(cat, idx, ix->where_clause))
		idx->n_not_null = 0;
	idx->method = strcmp(method, "btree") == 0 ? NULL : ml_arena_strdup(cat->arena, method);
	idx->keys = ix->n_index_params > 0
					? ml_arena_alloc(cat->arena, ix->n_index_params * sizeof(char *))
					: NULL;
	for (size_t i = 0; i < ix->n_index_params; i++)
	{
		const PgQuery__Node *p = ix->index_params[i];

		if (p->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM && p->index_elem->name &&
			p->index_elem->name[0])
			idx->keys[i] = ml_arena_strdup(cat->arena, p->index_elem->name);
	}
	idx->n_keys = ix->n_index_params;
}

/* A List of String nodes as (schema, name), the schema defaulting to search_path. */
static bool
split_name(struct ml_catalog *cat, PgQuery__Node *const *items, size_t n, const char **schema,
		   const char **name)
{
	if (n == 0 || items[n - 1]->node_case != PG_QUERY__NODE__NODE_STRING)
		return false;
	*name = items[n - 1]->string->sval;
	*schema = n >= 2 && items[n - 2]->node_case == PG_QUERY__NODE__NODE_STRING
				  ? items[n - 2]->string->sval
				  : cat->search_schema;
	return true;
}

/* A type; 'def' is its enum values (or NULL when not compared). */
static void
create_type(struct ml_catalog *cat, const struct ml_stmt *stmt, PgQuery__Node *const *names,
			size_t n, const char *def)
{
	const char *schema, *name;

	if (split_name(cat, names, n, &schema, &name))
		create(cat, stmt, ML_OBJ_TYPE, schema, name, false, def);
}

/* Inserts enum value 'v' at 'pos'; 'added' is its ADD VALUE, or NULL for CREATE TYPE. */
static void
insert_value(struct ml_catalog *cat, struct ml_cat_object *t, size_t pos, const char *v,
			 struct ml_enum_addition *added)
{
	if (t->n_values == t->cap_values)
	{
		t->cap_values = t->cap_values ? t->cap_values * 2 : 8;
		t->values = realloc(t->values, t->cap_values * sizeof(char *));
		t->added = realloc(t->added, t->cap_values * sizeof(*t->added));
		if (t->values == NULL || t->added == NULL)
			ml_fatal_oom();
	}
	memmove(t->values + pos + 1, t->values + pos, (t->n_values - pos) * sizeof(char *));
	memmove(t->added + pos + 1, t->added + pos, (t->n_values - pos) * sizeof(*t->added));
	t->values[pos] = ml_arena_strdup(cat->arena, v);
	t->added[pos] = added;
	t->n_values++;
}

static void
create_enum(struct ml_catalog *cat, const struct ml_stmt *stmt, const PgQuery__CreateEnumStmt *ce)
{
	const char *schema, *name;
	struct ml_cat_object *t;

	if (!split_name(cat, ce->type_name, ce->n_type_name, &schema, &name))
		return;
	t = create(cat, stmt, ML_OBJ_TYPE, schema, name, false,
			   names_text(cat->arena, ce->vals, ce->n_vals));
	if (t == NULL)
		return;
	for (size_t i = 0; i < ce->n_vals; i++)
		if (ce->vals[i]->node_case == PG_QUERY__NODE__NODE_STRING)
			insert_value(cat, t, t->n_values, ce->vals[i]->string->sval, NULL);
}

static long
value_index(const struct ml_cat_object *t, const char *v)
{
	for (size_t i = 0; i < t->n_values; i++)
		if (strcmp(t->values[i], v) == 0)
			return (long) i;
	return -1;
}

/* ALTER TYPE ... ADD VALUE [BEFORE | AFTER] / RENAME VALUE. */
static void
alter_enum(struct ml_catalog *cat, const struct ml_stmt *stmt, const PgQuery__AlterEnumStmt *ae)
{
	const char *schema, *name;
	struct ml_cat_object *t;
	struct ml_enum_addition *added;
	size_t pos;

	if (!split_name(cat, ae->type_name, ae->n_type_name, &schema, &name) ||
		(t = lookup(cat, ML_OBJ_TYPE, schema, name)) == NULL)
		return;
	if (ae->old_val != NULL && ae->old_val[0] != '\0')
	{
		long i = value_index(t, ae->old_val);

		if (i >= 0)
			t->values[i] = ml_arena_strdup(cat->arena, ae->new_val);
		return;
	}
	if (ae->new_val == NULL || value_index(t, ae->new_val) >= 0)
		return;
	pos = t->n_values;
	if (ae->new_val_neighbor != NULL && ae->new_val_neighbor[0] != '\0')
	{
		long i = value_index(t, ae->new_val_neighbor);

		if (i >= 0)
			pos = (size_t) i + (ae->new_val_is_after ? 1 : 0);
	}
	added = ml_arena_alloc(cat->arena, sizeof(*added));
	added->origin = origin_of(cat, stmt);
	added->tx = ml_catalog_tx_now(cat);
	added->type_tx = t->tx;
	insert_value(cat, t, pos, ae->new_val, added);
	cat->last_addition = added;
}

/* The objects of a DROP, one by one. */
static void
drop(struct ml_catalog *cat, const PgQuery__DropStmt *ds)
{
	for (size_t i = 0; i < ds->n_objects; i++)
	{
		const PgQuery__Node *obj = ds->objects[i];
		const char *schema = NULL, *name = NULL;

		switch (ds->remove_type)
		{
			case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
			case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
			case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
			case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
			case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
				if (obj->node_case == PG_QUERY__NODE__NODE_LIST &&
					split_name(cat, obj->list->items, obj->list->n_items, &schema, &name))
					kill(cat, lookup(cat, ML_OBJ_TABLE, schema, name));
				break;
			case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
			case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
				if (obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME &&
					split_name(cat, obj->type_name->names, obj->type_name->n_names, &schema, &name))
					kill(cat, lookup(cat, ML_OBJ_TYPE, schema, name));
				break;
			case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
				if (obj->node_case == PG_QUERY__NODE__NODE_STRING)
				{
					const char *s = obj->string->sval;

					kill(cat, lookup(cat, ML_OBJ_SCHEMA, NULL, s));
					for (size_t k = 0; k < cat->n_objects; k++)
						if (cat->objects[k]->alive && strcmp(cat->objects[k]->schema, s) == 0 &&
							cat->objects[k]->kind != ML_OBJ_SCHEMA)
							kill(cat, cat->objects[k]);
				}
				break;
			case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
				if (obj->node_case == PG_QUERY__NODE__NODE_STRING)
					kill(cat, lookup(cat, ML_OBJ_EXTENSION, NULL, obj->string->sval));
				break;
			case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
			case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
				if (obj->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS &&
					split_name(cat, obj->object_with_args->objname,
							   obj->object_with_args->n_objname, &schema, &name))
					kill(cat, lookup(cat, ML_OBJ_FUNCTION, schema, name));
				break;
			case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
				if (obj->node_case == PG_QUERY__NODE__NODE_LIST && obj->list->n_items >= 2)
				{
					struct ml_cat_object *t;

					if (!split_name(cat, obj->list->items, obj->list->n_items - 1, &schema, &name))
						break;
					t = lookup(cat, ML_OBJ_TABLE, schema, name);
					if (t != NULL)
						for (size_t k = 0; k < t->n_triggers; k++)
							if (strcmp(t->triggers[k],
									   obj->list->items[obj->list->n_items - 1]->string->sval) == 0)
								t->triggers[k] = t->triggers[--t->n_triggers];
				}
				break;
			default:
				break;
		}
	}
}

static void
rename_stmt(struct ml_catalog *cat, const PgQuery__RenameStmt *rs)
{
	struct ml_cat_object *o;
	const char *schema, *name;

	switch (rs->rename_type)
	{
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
			if (rs->relation == NULL)
				return;
			o = lookup(cat, ML_OBJ_TABLE, schema_of(cat, rs->relation->schemaname),
					   rs->relation->relname);
			if (o != NULL)
				rekey(cat, o, o->schema, rs->newname);
			return;
		case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
			o = find_table(cat, rs->relation);
			if (o != NULL && find_column(o, rs->subname) != NULL)
			{
				find_column(o, rs->subname)->name = ml_arena_strdup(cat->arena, rs->newname);
				rename_column(cat, o, rs->subname, rs->newname);
			}
			return;
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
			o = find_table(cat, rs->relation);
			if (o != NULL && find_constraint(o, rs->subname) != NULL)
			{
				struct ml_cat_constraint *c = find_constraint(o, rs->subname);
				struct ml_cat_object *idx = lookup(cat, ML_OBJ_INDEX, o->schema, rs->subname);

				if (index_backed(c->type) && idx != NULL)
					rekey(cat, idx, idx->schema, rs->newname);
				c->name = ml_arena_strdup(cat->arena, rs->newname);
			}
			return;
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
			if (rs->object != NULL && rs->object->node_case == PG_QUERY__NODE__NODE_LIST &&
				split_name(cat, rs->object->list->items, rs->object->list->n_items, &schema, &name) &&
				(o = lookup(cat, ML_OBJ_TYPE, schema, name)) != NULL)
				rekey(cat, o, o->schema, rs->newname);
			return;
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
			if ((o = lookup(cat, ML_OBJ_SCHEMA, NULL, rs->subname)) != NULL)
			{
				const char *old = schema_name(cat, o->name);

				rekey(cat, o, "", rs->newname);
				for (size_t k = 0; k < cat->n_objects; k++)
					if (cat->objects[k]->alive && strcmp(cat->objects[k]->schema, old) == 0 &&
						cat->objects[k]->kind != ML_OBJ_SCHEMA)
						rekey(cat, cat->objects[k], rs->newname, cat->objects[k]->name);
			}
			return;
		default:
			return;
	}
}

static void
set_schema(struct ml_catalog *cat, const PgQuery__AlterObjectSchemaStmt *as)
{
	struct ml_cat_object *o = NULL;
	const char *schema, *name;

	if (as->relation != NULL)
		o = lookup(cat, ML_OBJ_TABLE, schema_of(cat, as->relation->schemaname),
				   as->relation->relname);
	else if (as->object != NULL && as->object->node_case == PG_QUERY__NODE__NODE_LIST &&
			 split_name(cat, as->object->list->items, as->object->list->n_items, &schema, &name))
		o = lookup(cat, ML_OBJ_TYPE, schema, name);
	if (o == NULL)
		return;
	rekey(cat, o, as->newschema, o->name);
	/* A table's indexes move with it. */
	for (size_t i = 0; i < o->n_indexes; i++)
		if (o->indexes[i]->alive)
			rekey(cat, o->indexes[i], as->newschema, o->indexes[i]->name);
}

/* SET search_path TO x, ...: unqualified names now mean schema x. */
static void
set_search_path(struct ml_catalog *cat, const PgQuery__VariableSetStmt *vs)
{
	const PgQuery__Node *a;

	if (vs->name == NULL || strcmp(vs->name, "search_path") != 0 || vs->n_args == 0 || vs->is_local)
		return;
	a = vs->args[0];
	if (a->node_case == PG_QUERY__NODE__NODE_A_CONST && a->a_const->sval != NULL)
		cat->search_schema = ml_arena_strdup(cat->arena, a->a_const->sval->sval);
}

static void
create_function(struct ml_catalog *cat, const struct ml_stmt *stmt,
				const PgQuery__CreateFunctionStmt *fn)
{
	const char *schema, *name;

	if (fn->replace || !split_name(cat, fn->funcname, fn->n_funcname, &schema, &name))
		return;
	/* Overloads differ by arguments: only a same-name, no-overload clash is certain. */
	if (lookup(cat, ML_OBJ_FUNCTION, schema, name) == NULL)
		add_object(cat, ML_OBJ_FUNCTION, schema, name, stmt);
}

static void
create_trigger(struct ml_catalog *cat, const struct ml_stmt *stmt, const PgQuery__CreateTrigStmt *tr)
{
	struct ml_cat_object *t = find_table(cat, tr->relation);

	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n_triggers; i++)
		if (strcmp(t->triggers[i], tr->trigname) == 0)
		{
			if (!tr->replace)
				record(cat, stmt, ML_OBJ_TRIGGER, &t->origin, guarded(stmt), "%s on table %s",
					   ml_quote_ident(cat->arena, tr->trigname), qname(cat, t->schema, t->name));
			return;
		}
	if (t->n_triggers == t->cap_triggers)
	{
		t->cap_triggers = t->cap_triggers ? t->cap_triggers * 2 : 4;
		t->triggers = realloc(t->triggers, t->cap_triggers * sizeof(char *));
		if (t->triggers == NULL)
			ml_fatal_oom();
	}
	t->triggers[t->n_triggers++] = ml_arena_strdup(cat->arena, tr->trigname);
}

void
ml_catalog_apply(struct ml_catalog *cat, const struct ml_stmt *stmt)
{
	const PgQuery__Node *n = stmt->node;

	if (n == NULL)
	{
		cat->exact = false;
		return;
	}
	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
		{
			const PgQuery__CreateSchemaStmt *cs = n->create_schema_stmt;
			const char *name = cs->schemaname && cs->schemaname[0] ? cs->schemaname
							   : cs->authrole && cs->authrole->rolename ? cs->authrole->rolename
																	   : NULL;

			if (name != NULL)
				create(cat, stmt, ML_OBJ_SCHEMA, "", name, cs->if_not_exists, "");
			break;
		}
		case PG_QUERY__NODE__NODE_CREATE_STMT:
			create_table(cat, stmt, n->create_stmt);
			break;
		case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		{
			const PgQuery__CreateTableAsStmt *ct = n->create_table_as_stmt;

			if (ct->into != NULL && ct->into->rel != NULL && ct->into->rel->relpersistence[0] != 't')
				create(cat, stmt,
					   ct->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW ? ML_OBJ_MATVIEW
																			: ML_OBJ_TABLE,
					   schema_of(cat, ct->into->rel->schemaname), ct->into->rel->relname,
					   ct->if_not_exists, NULL);
			break;
		}
		case PG_QUERY__NODE__NODE_VIEW_STMT:
		{
			const PgQuery__ViewStmt *vs = n->view_stmt;
			const char *schema;

			if (vs->view == NULL || vs->view->relpersistence[0] == 't')
				break;
			schema = schema_of(cat, vs->view->schemaname);
			if (!vs->replace || lookup(cat, ML_OBJ_VIEW, schema, vs->view->relname) == NULL)
				create(cat, stmt, ML_OBJ_VIEW, schema, vs->view->relname, false, NULL);
			break;
		}
		case PG_QUERY__NODE__NODE_INDEX_STMT:
			create_index(cat, stmt, n->index_stmt);
			break;
		case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
		{
			const PgQuery__RangeVar *rv = n->create_seq_stmt->sequence;

			if (rv != NULL && rv->relpersistence[0] != 't')
				create(cat, stmt, ML_OBJ_SEQUENCE, schema_of(cat, rv->schemaname), rv->relname,
					   n->create_seq_stmt->if_not_exists, "");
			break;
		}
		case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
			create_enum(cat, stmt, n->create_enum_stmt);
			break;
		case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
			alter_enum(cat, stmt, n->alter_enum_stmt);
			break;
		case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
			/* PL/pgSQL's COMMIT is not SQL; a DO block cannot end the migrator's transaction. */
			if (!stmt->in_do)
				transaction_stmt(cat, n);
			break;
		case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
			create_type(cat, stmt, n->create_range_stmt->type_name,
						n->create_range_stmt->n_type_name, NULL);
			break;
		case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
			create_type(cat, stmt, n->create_domain_stmt->domainname,
						n->create_domain_stmt->n_domainname, NULL);
			break;
		case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
		{
			const PgQuery__RangeVar *rv = n->composite_type_stmt->typevar;

			if (rv != NULL)
				create(cat, stmt, ML_OBJ_TYPE, schema_of(cat, rv->schemaname), rv->relname, false,
					   NULL);
			break;
		}
		case PG_QUERY__NODE__NODE_DEFINE_STMT:
			if (n->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE &&
				n->define_stmt->n_definition > 0)
				create_type(cat, stmt, n->define_stmt->defnames, n->define_stmt->n_defnames, NULL);
			break;
		case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
			create(cat, stmt, ML_OBJ_EXTENSION, "", n->create_extension_stmt->extname,
				   n->create_extension_stmt->if_not_exists, "");
			break;
		case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
			create_function(cat, stmt, n->create_function_stmt);
			break;
		case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
			create_trigger(cat, stmt, n->create_trig_stmt);
			break;
		case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
			alter_table(cat, stmt, n->alter_table_stmt);
			break;
		case PG_QUERY__NODE__NODE_DROP_STMT:
			drop(cat, n->drop_stmt);
			break;
		case PG_QUERY__NODE__NODE_RENAME_STMT:
			rename_stmt(cat, n->rename_stmt);
			break;
		case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
			set_schema(cat, n->alter_object_schema_stmt);
			break;
		case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
			set_search_path(cat, n->variable_set_stmt);
			break;
		default:
			break;
	}
}

const struct ml_cat_object *
ml_catalog_find(const struct ml_catalog *cat, enum ml_obj_kind kind, const char *schema,
				const char *name)
{
	bool global = kind == ML_OBJ_SCHEMA || kind == ML_OBJ_EXTENSION;
	const struct ml_cat_object *o = lookup(cat, kind, global ? "" : schema_of(cat, schema), name);

	return o != NULL && (o->kind == kind || !is_relation(kind)) ? o : NULL;
}

const struct ml_cat_object *
ml_catalog_find_dropped(const struct ml_catalog *cat, enum ml_obj_kind kind, const char *schema,
						const char *name)
{
	char buf[512];

	/* A dead object keeps the key it died with: nothing renames or moves it afterwards. */
	if (cat->dropped[kind] == NULL)
		return NULL;
	return ml_strmap_get(cat->dropped[kind],
						 key_into(buf, sizeof(buf), cat->arena, kind, schema_of(cat, schema), name));
}

const struct ml_origin *
ml_cat_object_origin(const struct ml_cat_object *obj)
{
	return &obj->origin;
}

const struct ml_cat_object *
ml_catalog_next_table(const struct ml_catalog *cat, size_t *it)
{
	while (*it < cat->n_objects)
	{
		const struct ml_cat_object *o = cat->objects[(*it)++];

		if (o->alive && o->kind == ML_OBJ_TABLE && o->columns_known)
			return o;
	}
	return NULL;
}

const char *
ml_cat_object_schema(const struct ml_cat_object *obj)
{
	return obj->schema;
}

const char *
ml_cat_object_name(const struct ml_cat_object *obj)
{
	return obj->name;
}

size_t
ml_cat_table_columns(const struct ml_cat_object *table, const struct ml_cat_column **out)
{
	*out = table->cols;
	return table->n_cols;
}

const struct ml_cat_column *
ml_cat_table_column(const struct ml_cat_object *table, const char *name)
{
	return find_column((struct ml_cat_object *) table, name);
}

size_t
ml_cat_enum_values(const struct ml_cat_object *type, const char *const **out)
{
	if (type->kind != ML_OBJ_TYPE)
	{
		*out = NULL;
		return 0;
	}
	*out = (const char *const *) type->values;
	return type->n_values;
}

const struct ml_enum_addition *
ml_cat_enum_value_added(const struct ml_cat_object *type, const char *value)
{
	long i;

	if (!type->alive || type->kind != ML_OBJ_TYPE || (i = value_index(type, value)) < 0)
		return NULL;
	return type->added[i];
}

const struct ml_enum_addition *
ml_catalog_last_enum_addition(const struct ml_catalog *cat)
{
	return cat->last_addition;
}

bool
ml_catalog_existed_before(const struct ml_catalog *cat, const struct ml_cat_object *obj)
{
	return obj->origin.migration < cat->migration;
}

const struct ml_cat_object *
ml_cat_object_table(const struct ml_cat_object *obj)
{
	return obj->table;
}

size_t
ml_cat_table_constraints(const struct ml_cat_object *table, const struct ml_cat_constraint **out)
{
	*out = table->cons;
	return table->n_cons;
}

bool
ml_cat_table_indexes_known(const struct ml_cat_object *table)
{
	return !table->indexes_unknown;
}

size_t
ml_cat_index_keys(const struct ml_cat_object *index, const char *const **out)
{
	if (index->kind != ML_OBJ_INDEX)
	{
		*out = NULL;
		return 0;
	}
	*out = (const char *const *) index->keys;
	return index->n_keys;
}

bool
ml_cat_index_partial(const struct ml_cat_object *index)
{
	return index->partial;
}

const char *
ml_cat_index_method(const struct ml_cat_object *index)
{
	return index->kind == ML_OBJ_INDEX && index->method != NULL ? index->method : "btree";
}

/* The live indexes on 'table', from its own list: *it starts at 0; NULL at the end. */
static const struct ml_cat_object *
next_index(const struct ml_cat_object *table, size_t *it)
{
	while (*it < table->n_indexes)
	{
		const struct ml_cat_object *o = table->indexes[(*it)++];

		if (o->alive)
			return o;
	}
	return NULL;
}

/* True when keys[0..n) are columns[0..n) in some order (each column once). */
static bool
same_set(char *const *keys, const char *const *columns, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		size_t same = 0;

		if (keys[i] == NULL || !in_names((char *const *) columns, n, keys[i]))
			return false;
		for (size_t k = 0; k < n; k++)
			if (keys[k] != NULL && strcmp(keys[k], keys[i]) == 0)
				same++;
		if (same != 1)
			return false;
	}
	return true;
}

/*
 * True when a partial index's predicate only asks that some of columns[0..n) are not NULL,
 * which a foreign key's lookup (col = $1, for every key column) implies.
 */
static bool
not_null_of_keys(const struct ml_cat_object *idx, const char *const *columns, size_t n)
{
	if (idx->n_not_null == 0)
		return false;
	for (size_t i = 0; i < idx->n_not_null; i++)
		if (!in_names((char *const *) columns, n, idx->not_null[i]))
			return false;
	return true;
}

const struct ml_cat_object *
ml_cat_table_covering_index(const struct ml_cat_object *table, const char *const *columns,
							size_t n)
{
	size_t it = 0;
	const struct ml_cat_object *idx;

	if (n == 0 || table == NULL)
		return NULL;
	while ((idx = next_index(table, &it)) != NULL)
	{
		/* A hash index serves the equality lookups of a one-column key too. */
		bool usable = idx->method == NULL ||
					  (n == 1 && idx->n_keys == 1 && strcmp(idx->method, "hash") == 0);

		if (usable && idx->n_keys >= n && same_set(idx->keys, columns, n) &&
			(!idx->partial || not_null_of_keys(idx, columns, n)))
			return idx;
	}
	return NULL;
}

const char *
ml_catalog_search_schema(const struct ml_catalog *cat)
{
	return cat->search_schema;
}
