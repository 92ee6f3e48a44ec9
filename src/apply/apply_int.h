/* SPDX-License-Identifier: MIT */
/*
 * apply_int.h
 *	  What the files of src/apply share: the migrations table's rows and what they say of
 *	  each migration of the plan.
 */
#ifndef MIGLINT_APPLY_INT_H
#define MIGLINT_APPLY_INT_H

#include "pq.h"

#include "miglint/apply.h"

/* What the migrations table says of one migration of the plan. */
enum ml_mig_state
{
	ML_MIG_PENDING,	 /* drizzle runs it */
	ML_MIG_APPLIED,	 /* recorded with the file's hash */
	ML_MIG_MODIFIED, /* recorded, but the file changed since (a problem) */
	ML_MIG_SKIPPED,	 /* 0.x: not recorded, and drizzle would skip it (a problem) */
	ML_MIG_RERUN,	 /* recorded under another created_at or without a name, and drizzle
					  * would run it again (a problem) */
};

/* One row of the migrations table. Strings belong to the run's arena. */
struct ml_ledger_row
{
	long long id;
	const char *hash;
	const char *created_text; /* created_at as PostgreSQL prints it; NULL for SQL NULL */
	long long created_at;
	const char *name;		  /* NULL for SQL NULL or when the table has no such column */
	const char *applied_at;	  /* "YYYY-MM-DD HH:MM:SS UTC", or NULL */
	long migration;			  /* the plan's migration it records, or -1 */
	long upgrade_pick;		  /* 1.0 upgrade of a 0.x table: drizzle's pick, or -1 */
	long hash_pick;			  /* the only migration with this hash, -1 none, -2 several */
};

struct ml_ledger
{
	bool exists;		 /* the table exists */
	bool has_name;		 /* it has drizzle 1.0's "name" column */
	bool has_applied_at;
	bool needs_upgrade;	 /* 1.0 folder, 0.x table: drizzle-orm 1.0 upgrades it first */
	struct ml_ledger_row *rows; /* in id order */
	size_t n_rows;
	enum ml_mig_state *state;	/* per migration of the plan */
	long *row;					/* per migration: the row recording it, or -1 */
	size_t n_pending;
	size_t n_problems;			/* problems --allow-modified does not excuse */
	size_t n_excusable;			/* modified files and rows of no file */
	const char *qtable;			/* "schema"."table", quoted */
};

/* Reads whether the table exists, its columns and its rows. Returns 0 or ML_EDB (printed). */
int ml_ledger_read(struct ml_ledger *lg, struct ml_arena *arena, PGconn *conn,
				   const struct ml_apply_options *opt);

/* Decides each migration's state and counts the problems, as drizzle's rules say. */
void ml_ledger_judge(struct ml_ledger *lg, struct ml_arena *arena, const struct ml_apply_plan *plan);

/*
 * Prints one message per problem (primary, detail, hint with the repair) to 'f', as
 * "miglint: error:" for --apply or "miglint: problem:" for --status.
 */
void ml_ledger_explain(FILE *f, const struct ml_ledger *lg, const struct ml_apply_plan *plan,
					   const char *label);

/* Prints a query's failure as "miglint: error: <what>: <message>" with its detail. */
void ml_apply_db_error(FILE *f, const char *what, const PGresult *res, PGconn *conn);

#endif
