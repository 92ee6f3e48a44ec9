/* SPDX-License-Identifier: MIT */
/*
 * catalog.h
 *	  The schema as the migrations build it, replayed statement by statement in run order.
 *
 * Schemas, tables and their columns (type, NOT NULL, default) and constraints, views,
 * materialized views, indexes, sequences, types (enum values kept), extensions, functions
 * and triggers, each with where it was created. CREATE / ALTER / DROP / RENAME / SET SCHEMA
 * of each, IF [NOT] EXISTS honoured, unqualified names resolved through search_path (public
 * unless a SET search_path says otherwise). Identifiers come folded from the parser.
 * Statements inside DO blocks replay too, a guarded one as if it had IF [NOT] EXISTS;
 * dynamic SQL cannot be replayed and is not guessed.
 *
 * Replaying a CREATE of an object that exists records a recreation: the rules that find
 * recreated schemas and objects read those after a migration's statements were applied.
 * The catalog outlives every file's arena, so it copies every name it keeps.
 */
#ifndef MIGLINT_CATALOG_H
#define MIGLINT_CATALOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "miglint/sql.h"

enum ml_obj_kind
{
	ML_OBJ_SCHEMA,
	ML_OBJ_TABLE,
	ML_OBJ_VIEW,
	ML_OBJ_MATVIEW,
	ML_OBJ_INDEX,
	ML_OBJ_SEQUENCE,
	ML_OBJ_TYPE,
	ML_OBJ_EXTENSION,
	ML_OBJ_FUNCTION,
	ML_OBJ_COLUMN,
	ML_OBJ_CONSTRAINT,
	ML_OBJ_TRIGGER,
};

/* "table", "index", ... */
const char *ml_obj_kind_name(enum ml_obj_kind kind);

/*
 * Where an object was created: the migration (run order), its file and position. line:col
 * is the statement's start; [start, end) are the bytes to point at in the file: the
 * statement's first token, or a constraint's leading keywords ("CONSTRAINT "x" FOREIGN KEY").
 */
/* 32-bit fields: a catalog holds one per object, column and constraint of a whole folder. */
struct ml_origin
{
	const char *file; /* owned by the catalog */
	uint32_t migration;
	uint32_t order; /* the file's place in the report's order (ml_source.order) */
	unsigned line;
	unsigned col;
	uint32_t start; /* byte span in the file, end exclusive */
	uint32_t end;
};

/*
 * Where a statement ran as far as transactions go. The catalog does not know how the runner
 * groups migrations into transactions (that is the config's "transaction"); it counts the
 * COMMIT / ROLLBACK statements it replayed, so a rule can tell whether two positions lie in
 * one transaction for the runner at hand.
 */
struct ml_tx_pos
{
	uint32_t migration;
	uint32_t epoch;		  /* COMMIT, ROLLBACK and PREPARE TRANSACTION replayed before it */
	bool file_first;	  /* no such statement earlier in its own migration */
	bool block;			  /* inside an explicit BEGIN (or COMMIT AND CHAIN) block */
};

/* An enum value added by ALTER TYPE ... ADD VALUE: where, and in which transaction. */
struct ml_enum_addition
{
	struct ml_origin origin; /* the ALTER TYPE statement */
	struct ml_tx_pos tx;
	struct ml_tx_pos type_tx; /* where its type was created */
};

struct ml_cat_object;

struct ml_cat_column
{
	char *name;
	char *type;
	/* The catalog type it was declared with (resolved then, as PostgreSQL does), or NULL. */
	const struct ml_cat_object *type_obj;
	bool not_null;
	bool has_default;
	struct ml_origin origin;
};

/*
 * A table's PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE constraint. A FOREIGN KEY whose
 * referenced table is dropped goes with it (DROP ... CASCADE); one whose column is dropped
 * goes too, and renamed columns are renamed here, as PostgreSQL does.
 */
struct ml_cat_constraint
{
	char *name;
	char *def;			/* kind and columns, to compare a re-creation with */
	char **columns;		/* the key (PRIMARY KEY, UNIQUE) or referencing (FOREIGN KEY) columns */
	struct ml_cat_object *ref; /* FOREIGN KEY: the referenced table, NULL when not replayed */
	char *ref_schema;	/* FOREIGN KEY: the referenced table as written (schema resolved) */
	char *ref_name;
	PgQuery__ConstrType type;
	uint32_t n_columns; /* 0 for CHECK and EXCLUDE */
	char on_delete;		/* FOREIGN KEY: 'a' NO ACTION, 'r' RESTRICT, 'c' CASCADE, 'n', 'd' SET ... */
	struct ml_origin origin;
};

/* A CREATE (or ADD) of something that already existed, found while replaying. */
struct ml_recreation
{
	enum ml_obj_kind kind;
	char *name;				 /* rendered: "public"."users", or "email" of table ... */
	const struct ml_stmt *stmt; /* the statement in the current file (valid until it ends) */
	bool if_not_exists;		 /* IF NOT EXISTS or a DO guard: it silently did nothing */
	struct ml_origin first;	 /* where the existing object was created */
};

struct ml_catalog;

/* Owned: free with ml_catalog_destroy (accepts NULL). */
struct ml_catalog *ml_catalog_create(void);
void ml_catalog_destroy(struct ml_catalog *cat);

/* Starts migration number 'migration' (run order), file 'file' (copied). */
void ml_catalog_begin(struct ml_catalog *cat, size_t migration, const struct ml_source *src);

/* Replays one statement of the current migration. */
void ml_catalog_apply(struct ml_catalog *cat, const struct ml_stmt *stmt);

/* The current migration's recreations so far (borrowed). */
const struct ml_recreation *ml_catalog_recreations(const struct ml_catalog *cat, size_t *n);

/*
 * True when the current migration recreates the schema: it recreated 3 or more tables that
 * earlier migrations created, or more than half of the tables that existed before it.
 */
bool ml_catalog_is_recreation(const struct ml_catalog *cat);

/* Recreations over all migrations replayed so far (the schema is then a guess too). */
size_t ml_catalog_total_recreations(const struct ml_catalog *cat);

/* Live objects of 'kind' when the current migration began. */
size_t ml_catalog_count_before(const struct ml_catalog *cat, enum ml_obj_kind kind);

/* The current migration's number. */
size_t ml_catalog_migration(const struct ml_catalog *cat);

/*
 * A relation (table, view, matview, index, sequence) or type, schema-qualified; 'schema'
 * NULL means the search_path's first schema. NULL when it does not exist. Borrowed.
 */
const struct ml_cat_object *ml_catalog_find(const struct ml_catalog *cat, enum ml_obj_kind kind,
											const char *schema, const char *name);

/*
 * The catalog type a type name names (not an array of it), resolved now as PostgreSQL
 * resolves it; NULL for a built-in or unknown type. Borrowed.
 */
const struct ml_cat_object *ml_catalog_type_named(const struct ml_catalog *cat,
												  const PgQuery__TypeName *tn);

/* The most recently dropped relation or type of that name, or NULL (for rules on DROP). */
const struct ml_cat_object *ml_catalog_find_dropped(const struct ml_catalog *cat,
													enum ml_obj_kind kind, const char *schema,
													const char *name);

/* Where an object was created. */
const struct ml_origin *ml_cat_object_origin(const struct ml_cat_object *obj);

/* The schema an unqualified name resolves to now (search_path's first). Borrowed. */
const char *ml_catalog_search_schema(const struct ml_catalog *cat);

/* An index's table (or an owned sequence's), or NULL when it is not known. */
const struct ml_cat_object *ml_cat_object_table(const struct ml_cat_object *obj);

/* True when 'obj' was created by an earlier migration (false: earlier in this one). */
bool ml_catalog_existed_before(const struct ml_catalog *cat, const struct ml_cat_object *obj);

/* An enum type's values in order (ADD VALUE BEFORE/AFTER and RENAME VALUE applied). */
size_t ml_cat_enum_values(const struct ml_cat_object *type, const char *const **out);

/*
 * How value 'value' of enum 'type' came to be: the ALTER TYPE ... ADD VALUE that added it
 * (a RENAME VALUE since keeps it), or NULL when CREATE TYPE listed it, or the type is not an
 * enum, was dropped, or has no such value. Borrowed from the catalog.
 */
const struct ml_enum_addition *ml_cat_enum_value_added(const struct ml_cat_object *type,
														 const char *value);

/* The last enum value added in the run (a quick test before a rule walks a statement). */
const struct ml_enum_addition *ml_catalog_last_enum_addition(const struct ml_catalog *cat);

/* Where the statement just replayed ran (see struct ml_tx_pos). */
struct ml_tx_pos ml_catalog_tx_now(const struct ml_catalog *cat);

/* Iterates the live tables: *it starts at 0; returns NULL at the end. */
const struct ml_cat_object *ml_catalog_next_table(const struct ml_catalog *cat, size_t *it);
const char *ml_cat_object_schema(const struct ml_cat_object *obj);
const char *ml_cat_object_name(const struct ml_cat_object *obj);
size_t ml_cat_table_columns(const struct ml_cat_object *table, const struct ml_cat_column **out);
const struct ml_cat_column *ml_cat_table_column(const struct ml_cat_object *table, const char *name);

/* A live table's constraints (borrowed; valid until the next statement is replayed). */
size_t ml_cat_table_constraints(const struct ml_cat_object *table,
								const struct ml_cat_constraint **out);

/*
 * False when the table may have indexes the catalog cannot see: CREATE TABLE ... (LIKE ...)
 * copies them, a partition gets its parent's.
 */
bool ml_cat_table_indexes_known(const struct ml_cat_object *table);

/*
 * An index's key columns in order (INCLUDE columns left out); an expression is NULL. An
 * index behind a PRIMARY KEY or UNIQUE constraint has the constraint's columns. Borrowed.
 */
size_t ml_cat_index_keys(const struct ml_cat_object *index, const char *const **out);

/* True for a partial index (CREATE INDEX ... WHERE). */
bool ml_cat_index_partial(const struct ml_cat_object *index);

/* The index's access method: "btree" (the default), "gin", "hash", ... */
const char *ml_cat_index_method(const struct ml_cat_object *index);

/*
 * A live btree index on 'table' whose leading key columns are exactly columns[0..n) in any
 * order (what a foreign key's lookups can use), not partial unless its WHERE only asks some
 * of those columns to be NOT NULL; or a hash index on the one column of a one-column key.
 * NULL when there is none.
 */
const struct ml_cat_object *ml_cat_table_covering_index(const struct ml_cat_object *table,
														const char *const *columns, size_t n);

/* Notes that something could not be replayed (dynamic SQL): the final schema is a guess. */
void ml_catalog_mark_inexact(struct ml_catalog *cat);

/* False once a statement could not be replayed exactly (dynamic SQL, a syntax error, ...). */
bool ml_catalog_exact(const struct ml_catalog *cat);

#endif
