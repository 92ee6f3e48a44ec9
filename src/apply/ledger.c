/* SPDX-License-Identifier: MIT */
/*
 * ledger.c
 *	  The migrations table: read it, and judge each migration of the plan by it.
 *
 * What is pending follows drizzle exactly. drizzle-orm 0.x reads the row with the greatest
 * created_at and runs every journal entry whose "when" is greater; drizzle-orm 1.0 runs every
 * folder whose name is not recorded, after naming the rows of a 0.x table by the second of
 * their created_at. Where that rule silently goes wrong, the judgement records a problem: an
 * entry drizzle would skip, a file changed after it was applied, a row of no file, a row
 * drizzle would take for the newest (NULL created_at) or name after the wrong folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply_int.h"
#include "miglint/folder.h"

void
ml_apply_db_error(FILE *f, const char *what, const PGresult *res, PGconn *conn)
{
	const char *msg = res ? ml_pq.resultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? ml_pq.resultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *hint = res ? ml_pq.resultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
	const char *state = res ? ml_pq.resultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (msg == NULL)
	{
		const char *m = ml_pq.errorMessage(conn);
		size_t len = strcspn(m, "\n");

		fprintf(f, "miglint: error: %s: %.*s\n", what, (int) len, m);
		return;
	}
	fprintf(f, "miglint: error: %s: %s", what, msg);
	if (state != NULL)
		fprintf(f, " (SQLSTATE %s)", state);
	fputc('\n', f);
	if (detail != NULL)
		fprintf(f, "miglint: detail: %s\n", detail);
	if (hint != NULL)
		fprintf(f, "miglint: hint: %s\n", hint);
}

/* Runs a parameterised query; prints the failure and returns NULL when it fails. */
static PGresult *
query(PGconn *conn, const char *sql, int n, const char *const *params, const char *what,
	  FILE *err)
{
	PGresult *res = ml_pq.execParams(conn, sql, n, NULL, params, NULL, NULL, 0);

	if (ml_pq.resultStatus(res) != PGRES_TUPLES_OK)
	{
		ml_apply_db_error(err, what, res, conn);
		ml_pq.clear(res);
		return NULL;
	}
	return res;
}

int
ml_ledger_read(struct ml_ledger *lg, struct ml_arena *arena, PGconn *conn,
			   const struct ml_apply_options *opt)
{
	const char *params[2] = {opt->schema, opt->table};
	PGresult *res;
	char *sql;

	res = query(conn,
				"SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON "
				"c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
				"WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p') AND "
				"a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
				2, params, "could not read the migrations table", opt->err);
	if (res == NULL)
		return ML_EDB;
	lg->exists = ml_pq.ntuples(res) > 0;
	for (int i = 0; i < ml_pq.ntuples(res); i++)
	{
		lg->has_name |= strcmp(ml_pq.getvalue(res, i, 0), "name") == 0;
		lg->has_applied_at |= strcmp(ml_pq.getvalue(res, i, 0), "applied_at") == 0;
	}
	ml_pq.clear(res);
	if (!lg->exists)
		return 0;
	sql = ml_arena_printf(arena,
						  "SELECT id, hash, created_at::text, %s, %s FROM %s ORDER BY id",
						  lg->has_name ? "name" : "NULL::text",
						  lg->has_applied_at ? "to_char(applied_at AT TIME ZONE 'UTC', "
											   "'YYYY-MM-DD HH24:MI:SS') || ' UTC'"
											 : "NULL::text",
						  lg->qtable);
	res = query(conn, sql, 0, NULL, "could not read the migrations table", opt->err);
	if (res == NULL)
		return ML_EDB;
	lg->n_rows = (size_t) ml_pq.ntuples(res);
	lg->rows = ml_arena_alloc(arena, (lg->n_rows + 1) * sizeof(struct ml_ledger_row));
	for (size_t i = 0; i < lg->n_rows; i++)
	{
		struct ml_ledger_row *r = &lg->rows[i];
		int row = (int) i;

		memset(r, 0, sizeof(*r));
		r->id = strtoll(ml_pq.getvalue(res, row, 0), NULL, 10);
		r->hash = ml_arena_strdup(arena, ml_pq.getvalue(res, row, 1));
		if (!ml_pq.getisnull(res, row, 2))
		{
			r->created_text = ml_arena_strdup(arena, ml_pq.getvalue(res, row, 2));
			r->created_at = strtoll(r->created_text, NULL, 10);
		}
		if (!ml_pq.getisnull(res, row, 3))
			r->name = ml_arena_strdup(arena, ml_pq.getvalue(res, row, 3));
		if (!ml_pq.getisnull(res, row, 4))
			r->applied_at = ml_arena_strdup(arena, ml_pq.getvalue(res, row, 4));
		r->migration = -1;
		r->upgrade_pick = -1;
		r->hash_pick = -1;
	}
	ml_pq.clear(res);
	return 0;
}

/* The only migration whose file has 'hash': its index, -1 for none, -2 for several. */
static long
hash_pick(const struct ml_apply_plan *plan, const char *hash)
{
	long found = -1;

	for (size_t i = 0; i < plan->n; i++)
		if (strcmp(plan->migrations[i].hash, hash) == 0)
			found = found == -1 ? (long) i : -2;
	return found;
}

/*
 * drizzle-orm 0.x: pending = no row, or the newest row's created_at (NULL counts as 0 and
 * sorts first) below "when". A row records the entry whose "when" is its created_at.
 */
static void
judge_v0(struct ml_ledger *lg, const struct ml_apply_plan *plan)
{
	long long last = 0;
	bool any_null = false;

	for (size_t r = 0; r < lg->n_rows; r++)
	{
		if (lg->rows[r].created_text == NULL)
			any_null = true;
		else if (r == 0 || lg->rows[r].created_at > last)
			last = lg->rows[r].created_at;
	}
	if (any_null)
		last = 0; /* ORDER BY created_at DESC puts the NULL first, and Number(null) is 0 */
	for (size_t m = 0; m < plan->n; m++)
	{
		const struct ml_apply_migration *mg = &plan->migrations[m];
		long match = -1;

		for (size_t r = 0; r < lg->n_rows; r++)
		{
			struct ml_ledger_row *row = &lg->rows[r];

			if (row->migration != -1 || row->created_text == NULL ||
				row->created_at != mg->created_at)
				continue;
			if (match == -1 || strcmp(row->hash, mg->hash) == 0)
				match = (long) r;
		}
		if (match != -1)
		{
			lg->rows[match].migration = (long) m;
			lg->row[m] = match;
			lg->state[m] = strcmp(lg->rows[match].hash, mg->hash) == 0 ? ML_MIG_APPLIED
																		: ML_MIG_MODIFIED;
		}
		else
			lg->state[m] = lg->n_rows == 0 || last < mg->created_at ? ML_MIG_PENDING
																	: ML_MIG_SKIPPED;
	}
	/*
	 * An entry whose hash a row of no entry records had its "when" changed after it was
	 * applied: drizzle runs it again when "when" went up, and skips it (harmlessly: it is
	 * applied) when it went down.
	 */
	for (size_t m = 0; m < plan->n; m++)
		for (size_t r = 0; r < lg->n_rows && lg->row[m] == -1; r++)
			if (lg->rows[r].migration == -1 && lg->rows[r].created_text != NULL &&
				strcmp(lg->rows[r].hash, plan->migrations[m].hash) == 0)
			{
				lg->rows[r].migration = (long) m;
				lg->row[m] = (long) r;
				lg->state[m] = lg->state[m] == ML_MIG_PENDING ? ML_MIG_RERUN : ML_MIG_APPLIED;
			}
}

/*
 * drizzle-orm 1.0's upgrade of a 0.x table (up-migrations/pg.js upToV1): each row is named
 * after the only folder in the second of its created_at, without a hash check; with several
 * folders in that second, the one with the row's hash; with none, the last folder in
 * (created_at, name) order with the row's hash. Also notes the folder the hash names.
 */
static void
simulate_upgrade(struct ml_ledger *lg, const struct ml_apply_plan *plan)
{
	for (size_t r = 0; r < lg->n_rows; r++)
	{
		struct ml_ledger_row *row = &lg->rows[r];
		long only = -1, by_hash = -1, last_by_hash = -1;
		size_t in_second = 0;
		long long second = 0;
		bool nan = row->created_text == NULL;

		if (!nan)
		{
			/* String surgery: "1795595668966" -> 1795595668000; under 4 digits -> 0. */
			size_t len = strlen(row->created_text);
			char buf[64];

			snprintf(buf, sizeof(buf), "%.*s000", (int) (len > 3 ? len - 3 : 0),
					 row->created_text);
			second = strtoll(buf, NULL, 10);
		}
		for (size_t m = 0; m < plan->n; m++)
		{
			bool same_hash = strcmp(plan->migrations[m].hash, row->hash) == 0;

			if (!nan && plan->migrations[m].created_at == second)
			{
				in_second++;
				only = (long) m;
				if (same_hash && by_hash == -1)
					by_hash = (long) m;
			}
			if (same_hash)
				last_by_hash = (long) m;
		}
		row->upgrade_pick = in_second == 1 ? only : in_second > 1 ? by_hash : last_by_hash;
		row->hash_pick = hash_pick(plan, row->hash);
		if (row->upgrade_pick >= 0)
			row->name = plan->migrations[row->upgrade_pick].name;
	}
}

/*
 * True when drizzle-orm 1.0's upgrade names 'row' after a folder whose hash is not the row's
 * while another folder has it (several folders with the row's hash are fine when the pick is
 * one of them).
 */
static bool
upgrade_misnames(const struct ml_ledger_row *row, const struct ml_apply_plan *plan)
{
	return row->upgrade_pick >= 0 && row->hash_pick != -1 && row->hash_pick != row->upgrade_pick &&
		   !(row->hash_pick == -2 &&
			 strcmp(plan->migrations[row->upgrade_pick].hash, row->hash) == 0);
}

/* drizzle-orm 1.0: pending = the folder's name is not in the table. */
static void
judge_v1(struct ml_ledger *lg, const struct ml_apply_plan *plan)
{
	for (size_t m = 0; m < plan->n; m++)
	{
		lg->state[m] = ML_MIG_PENDING;
		for (size_t r = 0; r < lg->n_rows; r++)
		{
			struct ml_ledger_row *row = &lg->rows[r];

			if (row->name == NULL || strcmp(row->name, plan->migrations[m].name) != 0)
				continue;
			if (lg->row[m] == -1 || strcmp(row->hash, plan->migrations[m].hash) == 0)
			{
				lg->row[m] = (long) r;
				lg->state[m] = strcmp(row->hash, plan->migrations[m].hash) == 0
								   ? ML_MIG_APPLIED
								   : ML_MIG_MODIFIED;
			}
			row->migration = (long) m;
		}
	}
	/*
	 * A pending folder whose hash a row records under no name, under a name of no folder
	 * (the folder was renamed) or under another folder's name (a 0.x table drizzle-orm 1.0
	 * named wrongly): drizzle runs it again.
	 */
	for (size_t r = 0; r < lg->n_rows; r++)
	{
		struct ml_ledger_row *row = &lg->rows[r];

		/*
		 * A row named after a folder records that folder, edited or not, unless the folder
		 * has another row with its own hash (then this row's name is wrong) or the name is
		 * one drizzle's upgrade would give.
		 */
		if (row->migration >= 0 && !lg->needs_upgrade && lg->row[row->migration] == (long) r)
			continue;
		if (row->migration >= 0 && strcmp(plan->migrations[row->migration].hash, row->hash) == 0)
			continue;
		for (size_t m = 0; m < plan->n; m++)
			if (lg->state[m] == ML_MIG_PENDING && strcmp(plan->migrations[m].hash, row->hash) == 0)
			{
				if (row->migration == -1)
					row->migration = (long) m;
				lg->row[m] = (long) r;
				lg->state[m] = ML_MIG_RERUN;
				break;
			}
	}
}

void
ml_ledger_judge(struct ml_ledger *lg, struct ml_arena *arena, const struct ml_apply_plan *plan)
{
	lg->state = ml_arena_alloc(arena, (plan->n + 1) * sizeof(enum ml_mig_state));
	lg->row = ml_arena_alloc(arena, (plan->n + 1) * sizeof(long));
	for (size_t m = 0; m < plan->n; m++)
		lg->row[m] = -1;
	lg->needs_upgrade = plan->v1 && lg->exists && !lg->has_name;
	if (lg->needs_upgrade)
		simulate_upgrade(lg, plan);
	if (plan->v1)
		judge_v1(lg, plan);
	else
		judge_v0(lg, plan);
	lg->n_pending = lg->n_problems = lg->n_excusable = 0;
	for (size_t m = 0; m < plan->n; m++)
	{
		lg->n_pending += lg->state[m] == ML_MIG_PENDING;
		lg->n_problems += lg->state[m] == ML_MIG_SKIPPED || lg->state[m] == ML_MIG_RERUN;
		lg->n_excusable += lg->state[m] == ML_MIG_MODIFIED;
	}
	for (size_t r = 0; r < lg->n_rows; r++)
	{
		const struct ml_ledger_row *row = &lg->rows[r];

		if (!plan->v1 && row->created_text == NULL)
			lg->n_problems++;
		else if (lg->needs_upgrade && (row->upgrade_pick < 0 || upgrade_misnames(row, plan)))
			lg->n_problems++;
		else if (row->migration == -1)
			lg->n_excusable++;
	}
}

/* Prints 'name' as an SQL string literal: 'it''s'. */
static void
print_literal(FILE *f, const char *name)
{
	fputc('\'', f);
	for (const char *p = name; *p; p++)
	{
		if (*p == '\'')
			fputc('\'', f);
		fputc(*p, f);
	}
	fputc('\'', f);
}

/* The repair of a 0.x table that drizzle-orm 1.0 would name wrongly: the upgrade by hash. */
static void
explain_upgrade_repair(FILE *f, const struct ml_ledger *lg, const struct ml_apply_plan *plan)
{
	fprintf(f, "miglint: hint: Name the rows by hash before drizzle-orm 1.0 or miglint --apply "
			   "upgrade the table, in one transaction:\n");
	fprintf(f, "    BEGIN;\n    ALTER TABLE %s ADD COLUMN IF NOT EXISTS \"name\" text;\n",
			lg->qtable);
	fprintf(f, "    ALTER TABLE %s ADD COLUMN IF NOT EXISTS \"applied_at\" timestamp with time "
			   "zone DEFAULT now();\n",
			lg->qtable);
	for (size_t r = 0; r < lg->n_rows; r++)
	{
		const struct ml_ledger_row *row = &lg->rows[r];
		long m = row->hash_pick >= 0 ? row->hash_pick : row->upgrade_pick;

		/* Several folders with its hash: the one drizzle picks only if it has the hash. */
		if (row->hash_pick == -2 && m >= 0 && strcmp(plan->migrations[m].hash, row->hash) != 0)
			m = -1;
		if (m >= 0)
		{
			fprintf(f, "    UPDATE %s SET \"name\" = ", lg->qtable);
			print_literal(f, plan->migrations[m].name);
			fprintf(f, ", \"applied_at\" = NULL WHERE \"id\" = %lld;\n", row->id);
		}
		else
			fprintf(f, "    -- row id %lld: %s; name it by hand, or delete it\n", row->id,
					row->hash_pick == -2 ? "several folders have its hash" : "no folder has its hash");
	}
	fprintf(f, "    COMMIT;\n");
}

void
ml_ledger_explain(FILE *f, const struct ml_ledger *lg, const struct ml_apply_plan *plan,
				  const char *label)
{
	bool upgrade_told = false;

	for (size_t m = 0; m < plan->n; m++)
	{
		const struct ml_apply_migration *mg = &plan->migrations[m];
		const struct ml_ledger_row *row = lg->row[m] >= 0 ? &lg->rows[lg->row[m]] : NULL;

		switch (lg->state[m])
		{
			case ML_MIG_SKIPPED:
			{
				long long newest = 0;

				for (size_t r = 0; r < lg->n_rows; r++)
					if (lg->rows[r].created_at > newest)
						newest = lg->rows[r].created_at;
				fprintf(f, "miglint: %s: migration \"%s\" would be skipped\n", label, mg->name);
				fprintf(f, "miglint: detail: Its \"when\" (%lld) is not newer than the newest "
						   "created_at in %s (%lld) and its hash is not recorded, so "
						   "drizzle-orm's migrator skips it without a word.\n",
						mg->created_at, lg->qtable, newest);
				fprintf(f, "miglint: hint: In meta/_journal.json, set \"when\" of \"%s\" to a "
						   "time after %lld (and keep each later entry's \"when\" greater), "
						   "then apply again.\n",
						mg->name, newest);
				break;
			}
			case ML_MIG_MODIFIED:
				fprintf(f, "miglint: %s: migration \"%s\" was changed after it was applied\n",
						label, mg->name);
				fprintf(f, "miglint: detail: Row id %lld of %s records hash %.12s..., but \"%s\" "
						   "now hashes to %.12s...; the database does not have the change, and "
						   "drizzle-orm will never apply it.\n",
						row->id, lg->qtable, row->hash, mg->display, mg->hash);
				fprintf(f, "miglint: hint: Restore the file as it was applied and put the change "
						   "in a new migration, or pass --allow-modified to apply anyway.\n");
				break;
			case ML_MIG_RERUN:
				fprintf(f, "miglint: %s: migration \"%s\" is recorded, but drizzle-orm would run "
						   "it again\n",
						label, mg->name);
				if (plan->v1 && lg->needs_upgrade)
					fprintf(f, "miglint: detail: Upgrading the drizzle-kit 0.x table, drizzle-orm "
							   "1.0 would record row id %lld, which holds its hash, under another "
							   "folder's name (below).\n",
							row->id);
				else if (plan->v1)
				{
					if (row->name == NULL)
						fprintf(f, "miglint: detail: Row id %lld of %s records its hash without "
								   "a name, and drizzle-orm 1.0 decides by name.\n",
								row->id, lg->qtable);
					else
						fprintf(f, "miglint: detail: Row id %lld of %s records its hash under "
								   "the name \"%s\", and drizzle-orm 1.0 decides by name.\n",
								row->id, lg->qtable, row->name);
					fprintf(f, "miglint: hint: UPDATE %s SET \"name\" = ", lg->qtable);
					print_literal(f, mg->name);
					fprintf(f, " WHERE \"id\" = %lld;\n", row->id);
				}
				else
				{
					fprintf(f, "miglint: detail: Row id %lld of %s records its hash with "
							   "created_at %s, but its \"when\" is now %lld.\n",
							row->id, lg->qtable, row->created_text, mg->created_at);
					fprintf(f, "miglint: hint: Set \"when\" of \"%s\" in meta/_journal.json back "
							   "to %s.\n",
							mg->name, row->created_text);
				}
				break;
			default:
				break;
		}
	}
	for (size_t r = 0; r < lg->n_rows; r++)
	{
		const struct ml_ledger_row *row = &lg->rows[r];

		if (!plan->v1 && row->created_text == NULL)
		{
			long m = hash_pick(plan, row->hash);

			fprintf(f, "miglint: %s: row id %lld of %s has a NULL created_at\n", label, row->id,
					lg->qtable);
			fprintf(f, "miglint: detail: drizzle-orm's migrator takes it for the newest row "
					   "and runs every migration again.\n");
			if (m >= 0)
				fprintf(f, "miglint: hint: Its hash is that of \"%s\": UPDATE %s SET created_at "
						   "= %lld WHERE id = %lld;\n",
						plan->migrations[m].name, lg->qtable, plan->migrations[m].created_at,
						row->id);
			else if (m == -2)
				fprintf(f, "miglint: hint: Several files have its hash: set its created_at to the "
						   "\"when\" of the one it records (UPDATE %s SET created_at = ... WHERE "
						   "id = %lld;).\n",
						lg->qtable, row->id);
			else
				fprintf(f, "miglint: hint: No file has its hash: DELETE FROM %s WHERE id = "
						   "%lld;\n",
						lg->qtable, row->id);
		}
		else if (lg->needs_upgrade && row->upgrade_pick < 0)
		{
			fprintf(f, "miglint: %s: row id %lld of %s matches no migration folder\n", label,
					row->id, lg->qtable);
			fprintf(f, "miglint: detail: drizzle-orm 1.0 names the rows of a drizzle-kit 0.x "
					   "table when it first runs, and refuses to when a row has no folder "
					   "(hash %.12s..., created_at %s).\n",
					row->hash, row->created_text ? row->created_text : "NULL");
			if (!upgrade_told)
				explain_upgrade_repair(f, lg, plan);
			upgrade_told = true;
		}
		else if (lg->needs_upgrade && upgrade_misnames(row, plan))
		{
			fprintf(f, "miglint: %s: drizzle-orm 1.0 would name row id %lld of %s \"%s\", ",
					label, row->id, lg->qtable, plan->migrations[row->upgrade_pick].name);
			if (row->hash_pick >= 0)
				fprintf(f, "but its hash is that of \"%s\"\n",
						plan->migrations[row->hash_pick].name);
			else
				fprintf(f, "but several folders have its hash\n");
			fprintf(f, "miglint: detail: Upgrading a drizzle-kit 0.x table, drizzle-orm 1.0 "
					   "names each row after the only folder in the second of its created_at, "
					   "without comparing hashes: a migration then runs twice.\n");
			if (!upgrade_told)
				explain_upgrade_repair(f, lg, plan);
			upgrade_told = true;
		}
		else if (row->migration == -1)
		{
			fprintf(f, "miglint: %s: row id %lld of %s matches no migration file\n", label,
					row->id, lg->qtable);
			fprintf(f, "miglint: detail: Its hash %.12s... (created_at %s%s%s%s) is no file's: "
					   "the migration was deleted, renamed or edited after it was applied.\n",
					row->hash, row->created_text ? row->created_text : "NULL",
					row->name ? ", name \"" : "", row->name ? row->name : "",
					row->name ? "\"" : "");
			fprintf(f, "miglint: hint: Restore the migration, or pass --allow-modified to apply "
					   "anyway.\n");
		}
	}
}
