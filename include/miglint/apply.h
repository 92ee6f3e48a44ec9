/* SPDX-License-Identifier: MIT */
/*
 * apply.h
 *	  miglint --apply, --status and --dry-run: migrate a PostgreSQL database exactly as
 *	  drizzle-orm's migrator records it, and refuse where drizzle would silently go wrong.
 *
 * A plan is the folder as drizzle-orm reads it: for drizzle-kit 0.x the journal's entries in
 * array order (created_at = the entry's "when"), for drizzle-kit 1.0 every <name>/migration.sql
 * in ICU root order (created_at = the UTC time in the name's first 14 characters). Every
 * file is read and hashed before the database is touched. The ledger is the migrations table
 * (drizzle.__drizzle_migrations by default): its rows decide what is pending, with drizzle's
 * own rule, and the checks miglint adds (a migration drizzle would skip, a file edited after
 * it was applied, a row drizzle would misread) refuse before anything is sent.
 * See ../shared/drizzle-semantics.md and drizzle-v1-semantics.md for the behaviour copied.
 */
#ifndef MIGLINT_APPLY_H
#define MIGLINT_APPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "miglint/arena.h"
#include "miglint/error.h"
#include "miglint/sql.h"

/* One migration as drizzle-orm's migrator sees it; the strings belong to the plan's arena. */
struct ml_apply_migration
{
	char *name;			/* 0.x: the journal tag; 1.0: the folder name (the "name" column) */
	char *display;		/* the file as shown in messages */
	char *data;			/* the file's exact bytes, NUL-terminated */
	size_t len;
	char hash[65];		/* lower-case hex sha256 of the bytes, as drizzle records it */
	long long created_at; /* 0.x: the journal's "when"; 1.0: from the name */
	struct ml_chunk *chunks; /* the file split on "--> statement-breakpoint", verbatim */
	size_t n_chunks;
};

struct ml_apply_plan
{
	struct ml_arena *arena; /* owns everything below */
	bool v1;			 /* drizzle-kit 1.0 layout (bookkeeping by name) */
	char *display_root;
	char *real_root;		 /* realpath of the folder (malloc'd): no file is read outside it */
	struct ml_apply_migration *migrations;
	size_t n;
};

/*
 * Reads the Drizzle folder 'path' as drizzle-orm's migrator would, every file first.
 * Returns 0, or ML_EINPUT / ML_EIO with 'err' naming the file and the problem: not a Drizzle
 * folder, a journal entry without its file, a "when" that is not a whole number, a 1.0 name
 * whose first 14 characters are not a time, a file with a NUL byte, a byte-order mark or
 * invalid UTF-8. Free the plan with ml_apply_plan_cleanup (also after a failure).
 */
int ml_apply_plan_read(struct ml_apply_plan *plan, const char *path, struct ml_error *err);
void ml_apply_plan_cleanup(struct ml_apply_plan *plan);

/*
 * drizzle-orm 1.0's created_at for a folder name: Date.UTC over parseInt of the name's
 * characters 0-4, 4-6, 6-8, 8-10, 10-12 and 12-14 (with Date.UTC's roll-over). Returns false
 * where drizzle gets NaN.
 */
bool ml_apply_name_millis(const char *name, long long *out);

enum ml_apply_action
{
	ML_APPLY_MIGRATE, /* --apply */
	ML_APPLY_DRY_RUN, /* --apply --dry-run: print the plan, change nothing */
	ML_APPLY_STATUS,  /* --status: list applied / pending / problems, change nothing */
};

struct ml_apply_options
{
	enum ml_apply_action action;
	const char *conninfo;	  /* libpq connection string or URI; never printed */
	const char *schema;		  /* default "drizzle" */
	const char *table;		  /* default "__drizzle_migrations" */
	const char *lock_timeout; /* default "5s"; PostgreSQL's lock_timeout syntax */
	bool allow_modified;	  /* apply although a recorded hash matches no file */
	bool quiet;				  /* no progress lines, only the summary and errors */
	bool tty;				  /* progress lines are completed in place */
	FILE *out;				  /* progress, plan, status */
	FILE *err;				  /* errors and refusals */
};

/*
 * Runs 'action' for 'plan' against the database. Returns 0 (done, or nothing pending; for
 * --status: no problems), 1 (--status only: problems listed), or ML_EDB / ML_EINPUT after
 * printing a complete message to opt->err. A refusal changes nothing; a failing migration
 * rolls the whole run back, leaving only what drizzle also commits first (the migrations
 * schema and table, and the upgrade of a 0.x table).
 */
int ml_apply_run(const struct ml_apply_plan *plan, const struct ml_apply_options *opt);

#endif
