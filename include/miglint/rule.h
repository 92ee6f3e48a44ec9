/* SPDX-License-Identifier: MIT */
/*
 * rule.h
 *	  What a rule module is, and the context a rule's check gets.
 *
 * A rule is data (name, category, default severity, summary, why, fix, bad and good
 * examples) plus exactly one check callback for one scope: a statement, a file, or a folder.
 * --list-rules, --explain and the docs all come from the data. A rule never prints, never
 * reads config and never names another rule: it calls ml_report(), which stamps the rule's
 * name, severity and the file position (STYLE.md §6).
 */
#ifndef MIGLINT_RULE_H
#define MIGLINT_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include <pg_query/pg_query.pb-c.h>

#include "miglint/catalog.h"
#include "miglint/config.h"
#include "miglint/diag.h"
#include "miglint/drizzle.h"
#include "miglint/folder.h"
#include "miglint/sql.h"
#include "miglint/suppress.h"

enum ml_category
{
	ML_CATEGORY_SYNTAX,		 /* what PostgreSQL rejects */
	ML_CATEGORY_IDEMPOTENCE, /* what fails or does nothing when run twice */
	ML_CATEGORY_PSQL,		 /* psql-only input */
	ML_CATEGORY_SUPPRESSION, /* miglint-ignore comments */
	ML_CATEGORY_JOURNAL,	 /* the Drizzle journal and the files it names */
	ML_CATEGORY_SNAPSHOT,	 /* the Drizzle snapshots */
	ML_CATEGORY_SCHEMA,		 /* what the replayed schema shows across migrations */
	ML_CATEGORY_LOCKING,	 /* locks and rewrites that stall a busy table */
	ML_CATEGORY_COMPATIBILITY, /* changes that break the application running beside them */
	ML_CATEGORY_TRANSACTION, /* what cannot run where the migrator runs it */
};

/* "syntax", "idempotence", ... */
const char *ml_category_name(enum ml_category cat);

struct ml_check;
struct ml_rule;

typedef void (*ml_check_statement_fn)(struct ml_check *chk, const struct ml_stmt *stmt);
typedef void (*ml_check_file_fn)(struct ml_check *chk);
typedef void (*ml_check_folder_fn)(struct ml_check *chk);

struct ml_rule
{
	const char *name; /* kebab-case, stable forever */
	enum ml_category category;
	enum ml_severity severity; /* the default */
	const char *summary;	   /* lowercase, no period */
	const char *why;		   /* full sentences */
	const char *fix;		   /* full sentences */
	const char *bad;		   /* SQL that the rule flags */
	const char *good;		   /* the same, fixed */
	ml_check_statement_fn check_statement; /* called for each parsed statement */
	ml_check_file_fn check_file;		   /* called once per file */
	ml_check_folder_fn check_folder;	   /* called once per folder, after its files */
	/* A folder rule that runs after every finding met the ignore comments (unused-ignore). */
	bool after_suppression;
};

struct ml_source_cache;

/*
 * What a check gets: the file (statement and file rules) or the folder (folder rules) being
 * linted, the context around it, and where its findings go.
 */
struct ml_check
{
	struct ml_arena *arena;			   /* the file's (or the folder's) arena, for scratch */
	const struct ml_file *file;		   /* NULL for folder rules */
	const struct ml_rule *rule;		   /* set by the driver before each call */
	enum ml_severity severity;		   /* the rule's effective severity, set with it */
	struct ml_diag_list *diags;
	const struct ml_suppressions *supp; /* the file's ignore comments */
	struct ml_folder *folder;		   /* the folder the file belongs to */
	const struct ml_migration *migration; /* the file's entry in the folder model */
	const struct ml_drizzle_meta *meta; /* journal and snapshots (empty outside Drizzle) */
	const struct ml_catalog *catalog;  /* the replayed schema; NULL when the file never runs */
	const struct ml_config *config;	   /* effective severities and settings */
	/* Folder rules that run after suppression: every selected file's ignore comments, with
	 * what they silenced in all the folder's findings. */
	const struct ml_kept_ignores *kept;
	size_t n_kept;
	struct ml_source_cache *sources; /* what ml_check_source read, in 'arena' (lazily) */
};

/* The registry: every rule, sorted by name (rules/registry.c). */
extern const struct ml_rule *const ml_rules[];
extern const size_t ml_rules_count;

/* The rule named 'name', or NULL. */
const struct ml_rule *ml_rule_find(const char *name);

/*
 * True when 'name' (from a config file, a flag or an ignore comment) means 'rule': its own
 * name, or an alias (squawk's name where our rule does the same job).
 */
bool ml_rule_matches(const char *name, const struct ml_rule *rule);

/* True when 'name' is a rule or an alias. */
bool ml_rule_known(const char *name);

/* The ignore comments of one linted file, kept by the driver for the folder rules. */
struct ml_kept_ignores
{
	const struct ml_migration *migration;
	size_t order; /* the file's ml_source.order, as in ml_diag.file_order */
	struct ml_suppressions supp;
};

/* The rule's position in ml_rules. */
size_t ml_rule_index(const struct ml_rule *rule);

/*
 * Reports a finding of the current rule on 'stmt'. The span is the statement's leading
 * keywords ("CREATE UNIQUE INDEX"). Returns the diagnostic, to add a detail and a hint.
 */
struct ml_diag *ml_report(struct ml_check *chk, const struct ml_stmt *stmt, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Reports a finding at the token where a node's 'location' points (a type, a name), or at the
 * statement, as ml_report does, when the location cannot be placed.
 */
struct ml_diag *ml_report_at(struct ml_check *chk, const struct ml_stmt *stmt, int location,
							 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reports a finding at bytes [start, end) of another file: a meta file, or a .sql file. */
struct ml_diag *ml_report_in(struct ml_check *chk, const struct ml_source *src, size_t start,
							 size_t end, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * The source of one of the folder's migration files, read on demand (folder rules report
 * into .sql files too): the text that was linted (--fix --diff lints the fixed text). A file
 * that cannot be read gives an empty stand-in. Borrowed from the folder's arena.
 */
const struct ml_source *ml_check_source(struct ml_check *chk, const struct ml_migration *m);

/*
 * Reports at a value of a meta file: from the member's key ("when": ...) to the end of its
 * value; at the file's first character when 'item' is NULL.
 */
struct ml_diag *ml_report_at_json(struct ml_check *chk, const struct ml_meta_file *mf,
							   const cJSON *item, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Where in a snapshot ml_report_at_snapshot reports. */
enum ml_snapshot_at
{
	ML_SNAP_START,	/* the file's first character */
	ML_SNAP_ROOT,	/* the whole document */
	ML_SNAP_ID,		/* "id" */
	ML_SNAP_PARENT, /* "prevIds" or "prevId" */
	ML_SNAP_DIALECT /* "dialect" */
};

/*
 * Reports at a member of a snapshot (at its first character when the member is missing).
 * The snapshot is read again for the position (see ml_snapshot_open).
 */
struct ml_diag *ml_report_at_snapshot(struct ml_check *chk, const struct ml_snapshot *s,
									  enum ml_snapshot_at at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * True when the table 'rv' names existed before the current migration: it was created by an
 * earlier one, or it is not known at all (it exists in production, made elsewhere). False
 * only for a table this migration created, which is empty and unseen by the application.
 */
bool ml_check_table_existed(const struct ml_check *chk, const PgQuery__RangeVar *rv);

/*
 * The statement as an ALTER TABLE of a table that existed before the current migration (see
 * ml_check_table_existed), or NULL: the entry test of the rules about changing a table that
 * other sessions already use.
 */
const PgQuery__AlterTableStmt *ml_check_alter_existing_table(const struct ml_check *chk,
															 const struct ml_stmt *stmt);

/* A column a statement gives a type: its name, its type, and where to point. */
struct ml_typed_column
{
	const char *name;
	const PgQuery__TypeName *type;
	int location; /* the type's location in the statement, or -1 */
};

/*
 * The columns 'stmt' gives a type: CREATE TABLE's columns, ALTER TABLE ... ADD COLUMN and
 * ALTER COLUMN ... TYPE. Fills at most 'cap' entries of 'out'; returns how many it filled.
 */
size_t ml_check_typed_columns(const struct ml_stmt *stmt, struct ml_typed_column *out, size_t cap);

/* The last part of a type name: "int4" for integer, "bpchar" for char(n), "json". */
const char *ml_type_base_name(const PgQuery__TypeName *type);

/*
 * True when 'type' is PostgreSQL's own type 'name' ("int4", "serial"), written bare or as
 * pg_catalog.name, and not a user's type of that name in another schema.
 */
bool ml_type_is_builtin(const PgQuery__TypeName *type, const char *name);

/*
 * For DROP INDEX: true when the table of the index that 'object' (a DROP's name list) names
 * existed before the current migration, or is not known. False only when the index belongs
 * to a table this migration created.
 */
bool ml_check_index_table_existed(const struct ml_check *chk, const PgQuery__Node *object);

/* Like ml_check_table_existed, for a table the statement just dropped. */
bool ml_check_table_dropped_existed(const struct ml_check *chk, const PgQuery__RangeVar *rv);

/*
 * How the runner groups the file's statements into transactions: config "transaction" when
 * set; else "all" in a Drizzle folder (drizzle-orm runs every pending migration in one),
 * "per-file" in a plain folder of migrations (most runners wrap each file), and "none" for
 * a file given alone (a script, as psql runs it). A "per-file" file that opens with sqlx's
 * "-- no-transaction" directive runs outside one.
 */
enum ml_transaction ml_check_transaction(const struct ml_check *chk);

/* True when the file's statements run inside a transaction (ml_check_transaction). */
bool ml_check_in_transaction(const struct ml_check *chk);

/* Called by ml_alter_added_constraints; 'column' is the column an ADD COLUMN adds, or NULL. */
typedef void (*ml_added_constraint_fn)(struct ml_check *chk, const struct ml_stmt *stmt,
									   const PgQuery__AlterTableStmt *at,
									   const PgQuery__Constraint *c,
									   const PgQuery__ColumnDef *column);

/*
 * Calls 'fn' for each constraint of type 'contype' that ALTER TABLE 'at' adds and builds an
 * index for: ADD CONSTRAINT without USING INDEX, or the first such constraint of an
 * ADD COLUMN.
 */
void ml_alter_added_constraints(struct ml_check *chk, const struct ml_stmt *stmt,
								const PgQuery__AlterTableStmt *at, PgQuery__ConstrType contype,
								ml_added_constraint_fn fn);

/* A constraint's key columns, quoted, as "a", "b" (chk's arena). */
const char *ml_constraint_key_columns(struct ml_check *chk, const PgQuery__Constraint *c);

/*
 * For a hint that advises CREATE INDEX CONCURRENTLY: a sentence (with a leading space) on
 * where it can run when this runner wraps the migration in a transaction, or "".
 */
const char *ml_check_concurrently_note(const struct ml_check *chk);

/*
 * For a hint that advises CONCURRENTLY "outside a transaction block": a sentence (with a
 * leading space) saying a DO block is one, when 'stmt' sits in one, or "".
 */
const char *ml_check_do_block_note(const struct ml_stmt *stmt);

/* True when the file is a migration of a Drizzle folder (0.x or 1.0). */
bool ml_check_drizzle(const struct ml_check *chk);

/* A statement's lock that makes the application's queries queue behind it (locks.c). */
struct ml_blocking_lock
{
	const char *statement;			   /* "ALTER TABLE", "CREATE INDEX", ... */
	const char *lock;				   /* "ACCESS EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE" */
	const PgQuery__RangeVar *relation; /* the table locked, or NULL */
	const char *object; /* instead of a table: "index \"users_email_idx\"", or NULL */
};

/*
 * True when 'stmt' takes a SHARE or stronger lock (one that blocks writes, or reads too) on a
 * relation that existed before the current migration, and fills *out. Meant for file rules:
 * it judges "existed" from the catalog after the whole file was replayed.
 */
bool ml_check_blocking_lock(const struct ml_check *chk, const struct ml_stmt *stmt,
							struct ml_blocking_lock *out);

/* What a statement does to a timeout setting such as lock_timeout (locks.c). */
enum ml_timeout_setting
{
	ML_TIMEOUT_UNRELATED,
	ML_TIMEOUT_SET,		  /* SET, or set_config(..., false), to a non-zero value */
	ML_TIMEOUT_SET_LOCAL, /* SET LOCAL, or set_config(..., true): until the transaction ends */
	ML_TIMEOUT_CLEARED,	  /* RESET, SET ... TO DEFAULT, a zero value, RESET ALL */
};

/* How 'stmt' changes the setting 'guc' ("lock_timeout", "statement_timeout"). */
enum ml_timeout_setting ml_stmt_timeout_setting(const struct ml_stmt *stmt, const char *guc);

/*
 * The file's first statement that takes a blocking lock (ml_check_blocking_lock, filling
 * *lk) while 'guc' is not in effect: SET, SET LOCAL inside a transaction and set_config()
 * before it count; RESET, DEFAULT and zero turn it off. NULL when there is none.
 * *wasted_local says a SET LOCAL of it had no effect (no transaction block). locks.c.
 */
const struct ml_stmt *ml_check_first_unguarded_lock(const struct ml_check *chk, const char *guc,
													struct ml_blocking_lock *lk,
													bool *wasted_local);

/* "an ACCESS EXCLUSIVE lock on table \"t\"": the lock and what it is on (chk's arena). */
const char *ml_blocking_lock_phrase(struct ml_check *chk, const struct ml_blocking_lock *lk);

/*
 * True when an ALTER TABLE command makes PostgreSQL rewrite the table or read every row: a
 * type change, SET NOT NULL, an added constraint that is validated, a column that is filled
 * (serial, identity, generated) or checked (PRIMARY KEY, UNIQUE, CHECK, REFERENCES).
 */
bool ml_alter_cmd_needs_pass(const PgQuery__AlterTableCmd *cmd);

/* The journal entry of the file being checked, or NULL. */
const struct ml_journal_entry *ml_check_journal_entry(const struct ml_check *chk);

/* Reports a finding at file bytes [start, end). */
struct ml_diag *ml_report_span(struct ml_check *chk, size_t start, size_t end, const char *fmt,
							   ...) __attribute__((format(printf, 4, 5)));


/*
 * The span of the token at file offset 'at' together with the keywords right before it
 * ("ADD COLUMN" before a column name). Fills *start and *end.
 */
void ml_span_with_keywords_before(const struct ml_check *chk, const struct ml_stmt *stmt,
								  size_t at, size_t *start, size_t *end);

#endif
