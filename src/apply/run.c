/* SPDX-License-Identifier: MIT */
/*
 * run.c
 *	  --apply, --apply --dry-run and --status against a database, through libpq.
 *
 * The order of work keeps a refusal from changing anything: connect, take a session
 * advisory lock on a key derived from the migrations table (a second applier waits here and
 * then finds the work done), read the table, judge every migration, refuse on a problem or
 * on a pending statement PostgreSQL cannot run in a transaction block, and only then send
 * what drizzle-orm sends: CREATE SCHEMA / CREATE TABLE IF NOT EXISTS in autocommit, for a
 * drizzle-orm 1.0 folder the upgrade of a 0.x table in its own transaction, then BEGIN, every
 * pending migration's chunks (simple protocol, verbatim) each followed by its INSERT, COMMIT.
 * Any error rolls the whole run back and is reported at its file, line and column.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apply_int.h"
#include "miglint/folder.h"
#include "miglint/sha256.h"
#include "miglint/source.h"
#include "miglint/utf8.h"

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
discard_notice(void *arg, const char *message)
{
	(void) arg;
	(void) message;
}

/* Runs a statement that returns no rows; prints the failure as 'what'. */
static bool
command(PGconn *conn, const char *sql, int n, const char *const *params, const char *what,
		FILE *err)
{
	PGresult *res = n > 0 ? ml_pq.execParams(conn, sql, n, NULL, params, NULL, NULL, 0)
						  : ml_pq.exec(conn, sql);
	ExecStatusType st = ml_pq.resultStatus(res);
	bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;

	if (!ok)
		ml_apply_db_error(err, what, res, conn);
	ml_pq.clear(res);
	return ok;
}

/* The advisory lock key: the first 8 bytes of sha256("miglint", schema, table), signed. */
static void
advisory_key(char out[24], const struct ml_apply_options *opt)
{
	unsigned char md[ML_SHA256_BYTES];
	size_t ls = strlen(opt->schema), lt = strlen(opt->table);
	char *buf = malloc(ls + lt + 10);
	uint64_t key = 0;

	if (buf == NULL)
		ml_fatal_oom();
	memcpy(buf, "miglint", 8);
	memcpy(buf + 8, opt->schema, ls + 1);
	memcpy(buf + 9 + ls, opt->table, lt);
	ml_sha256(buf, ls + lt + 9, md);
	free(buf);
	for (int i = 0; i < 8; i++)
		key = key << 8 | md[i];
	snprintf(out, 24, "%lld", (long long) key);
}

/*
 * Prints "file:line:col: error: message", the source line and a caret at file offset
 * 'offset' of migration 'mg' (whose bytes are valid UTF-8 and not empty).
 */
static void
print_at(FILE *f, const struct ml_apply_migration *mg, size_t offset, const char *message)
{
	struct ml_arena *arena = ml_arena_create();
	struct ml_source *src = NULL;
	struct ml_error e;
	unsigned line = 1, col = 1;
	const char *text;
	size_t len;

	if (ml_source_from_bytes(&src, arena, mg->data, mg->len, mg->display, &e) != 0)
	{
		fprintf(f, "%s: error: %s\n", mg->display, message);
		ml_arena_destroy(arena);
		return;
	}
	ml_source_line_col(src, offset, &line, &col);
	text = ml_source_line_text(src, line, &len);
	fprintf(f, "%s:%u:%u: error: %s\n", mg->display, line, col, message);
	fprintf(f, "%5u | %.*s\n      | ", line, (int) len, text);
	for (size_t i = 0, c = 1; i < len && c < col; c++)
	{
		size_t next = ml_utf8_offset(text + i, len - i, 1);

		fputc(text[i] == '\t' ? '\t' : ' ', f);
		i += next > 0 ? next : 1;
	}
	fputs("^\n", f);
	ml_arena_destroy(arena);
}

/* The file's statements (parsed as drizzle splits it), for plans, refusals and errors. */
static void
parse_migration(struct ml_file *file, struct ml_arena *arena,
				const struct ml_apply_migration *mg)
{
	struct ml_source *src = NULL;
	struct ml_error e;

	memset(file, 0, sizeof(*file));
	if (mg->len == 0 || ml_source_from_bytes(&src, arena, mg->data, mg->len, mg->display, &e) != 0)
		return;
	ml_file_parse(file, arena, src, ML_SPLIT_DRIZZLE);
}

/* COMMIT, ROLLBACK and PREPARE TRANSACTION end the migration transaction half-way. */
static bool
ends_transaction(const PgQuery__Node *n)
{
	enum ml_tx_effect e = ml_stmt_tx_effect(n);

	return e == ML_TX_END || e == ML_TX_END_AND_OPEN;
}

/*
 * Refuses, before anything is sent, the pending statements PostgreSQL cannot run inside the
 * migration transaction, and those that would end it half-way (whatever the config and the
 * lint gate say: the one-transaction promise depends on it). Returns the number found (each
 * printed).
 */
static size_t
refuse_untransactable(const struct ml_apply_plan *plan, const struct ml_ledger *lg,
					  PGconn *conn, FILE *err)
{
	size_t found = 0;

	for (size_t m = 0; m < plan->n; m++)
	{
		struct ml_arena *arena;
		struct ml_file file;

		if (lg->state[m] != ML_MIG_PENDING)
			continue;
		arena = ml_arena_create();
		parse_migration(&file, arena, &plan->migrations[m]);
		for (size_t i = 0; i < file.n_stmts; i++)
		{
			const struct ml_stmt *st = &file.stmts[i];
			const char *what = NULL;
			char msg[160];

			if (st->node == NULL || st->in_do)
				continue;
			if (ends_transaction(st->node))
			{
				print_at(err, &plan->migrations[m], st->start,
						 "a migration cannot end the migration transaction");
				fprintf(err, "  DETAIL: miglint --apply runs every pending migration in one "
							 "transaction; a COMMIT or ROLLBACK here would commit or undo part of "
							 "the run and leave the rest outside any transaction.\n");
				fprintf(err, "  HINT: Split the work into two migrations applied in two runs "
							 "(for a new enum value, use it in the next run).\n");
				found++;
				continue;
			}
			what = ml_stmt_refused_in_transaction(st->node);
			if (what == NULL && ml_pq.serverVersion(conn) < 120000 &&
				st->node->node_case == PG_QUERY__NODE__NODE_ALTER_ENUM_STMT &&
				st->node->alter_enum_stmt->old_val[0] == '\0')
				what = "ALTER TYPE ... ADD VALUE";
			if (what == NULL)
				continue;
			snprintf(msg, sizeof(msg), "%s cannot run inside a transaction block", what);
			print_at(err, &plan->migrations[m], st->start, msg);
			fprintf(err, "  DETAIL: miglint --apply, like drizzle-orm's migrator, runs every "
						 "pending migration in one transaction, where PostgreSQL refuses it "
						 "(SQLSTATE 25001).\n");
			fprintf(err, "  HINT: Run it outside the migrator (in psql or a deploy step) and "
						 "keep an idempotent form here, e.g. CREATE INDEX IF NOT EXISTS without "
						 "CONCURRENTLY.\n");
			found++;
		}
		ml_arena_destroy(arena);
	}
	return found;
}

/*
 * Sends one chunk with the simple protocol, as node-postgres does, and collects every
 * result. COPY FROM STDIN gets no data (it is ended with an error); COPY TO STDOUT is
 * drained. Returns NULL on success, or the first error result (the caller clears it).
 */
static PGresult *
exec_chunk(PGconn *conn, const char *text)
{
	PGresult *res, *failed = NULL;

	if (!ml_pq.sendQuery(conn, text))
		return ml_pq.makeEmptyPGresult(conn, PGRES_FATAL_ERROR);
	while ((res = ml_pq.getResult(conn)) != NULL)
	{
		ExecStatusType st = ml_pq.resultStatus(res);

		if (st == PGRES_COPY_IN)
			ml_pq.putCopyEnd(conn, "COPY FROM STDIN has no data in a migration");
		else if (st == PGRES_COPY_OUT)
		{
			char *buf;

			while (ml_pq.getCopyData(conn, &buf, 0) > 0)
				ml_pq.freemem(buf);
		}
		if ((st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE) && failed == NULL)
		{
			failed = res;
			continue;
		}
		ml_pq.clear(res);
		if (ml_pq.status(conn) == CONNECTION_BAD)
			break;
	}
	if (failed == NULL && ml_pq.status(conn) == CONNECTION_BAD)
		failed = ml_pq.makeEmptyPGresult(conn, PGRES_FATAL_ERROR);
	return failed;
}

/*
 * Reports a failed chunk at its place in the file: PostgreSQL's error position when it
 * gives one, else the chunk's first statement.
 */
static void
report_chunk_error(FILE *f, const struct ml_apply_migration *mg, size_t chunk, PGresult *res,
				   PGconn *conn)
{
	const char *msg = ml_pq.resultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *state = ml_pq.resultErrorField(res, PG_DIAG_SQLSTATE);
	const char *pos = ml_pq.resultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	const char *detail = ml_pq.resultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	const char *hint = ml_pq.resultErrorField(res, PG_DIAG_MESSAGE_HINT);
	const char *context = ml_pq.resultErrorField(res, PG_DIAG_CONTEXT);
	const struct ml_chunk *ch = &mg->chunks[chunk];
	struct ml_arena *arena = ml_arena_create();
	struct ml_file file;
	size_t offset = ch->offset, n_in_chunk = 0;
	unsigned first_line = 0, last_line = 0;
	char *primary;

	(void) conn;
	if (msg == NULL)
	{
		/* No server message: the connection is gone, and the caller says so. */
		ml_arena_destroy(arena);
		return;
	}
	parse_migration(&file, arena, mg);
	for (size_t i = 0; i < file.n_stmts; i++)
		if (file.stmts[i].chunk == chunk && !file.stmts[i].in_do)
		{
			unsigned line, col;

			if (n_in_chunk++ == 0)
				offset = file.stmts[i].start;
			ml_source_line_col(file.src, file.stmts[i].start, &line, &col);
			if (first_line == 0)
				first_line = line;
			last_line = line;
		}
	if (pos != NULL && atol(pos) > 0)
		offset = ch->offset +
				 ml_utf8_offset(mg->data + ch->offset, ch->len, (size_t) atol(pos) - 1);
	primary = ml_arena_printf(arena, "%s (SQLSTATE %s)", msg, state ? state : "?");
	print_at(f, mg, offset, primary);
	if (detail != NULL)
		fprintf(f, "  DETAIL: %s\n", detail);
	if (pos == NULL && n_in_chunk > 1)
		fprintf(f, "  DETAIL: PostgreSQL did not say which of the %zu statements between lines "
				   "%u and %u failed: they are one query between breakpoints.\n",
				n_in_chunk, first_line, last_line);
	if (hint != NULL)
		fprintf(f, "  HINT: %s\n", hint);
	else if (state != NULL && strcmp(state, "55P03") == 0)
		fprintf(f, "  HINT: Another session holds a lock this statement needs. Apply when the "
				   "table is quieter, or raise --lock-timeout.\n");
	if (context != NULL)
		fprintf(f, "  CONTEXT: %s\n", context);
	ml_arena_destroy(arena);
}

/* drizzle-orm 1.0's upgrade of a 0.x table, in its own transaction, byte for byte. */
static bool
upgrade_table(PGconn *conn, struct ml_arena *arena, const struct ml_ledger *lg,
			  const struct ml_apply_plan *plan, const char *lock_timeout, FILE *err)
{
	const char *timeout[1] = {lock_timeout};
	const char *what = "could not upgrade the migrations table to drizzle-orm 1.0's format";
	char *update = ml_arena_printf(arena, "UPDATE %s SET \"name\" = $1, \"applied_at\" = NULL "
										  "WHERE \"id\" = $2",
								   lg->qtable);
	bool ok = command(conn, "begin", 0, NULL, what, err) &&
			  command(conn, "SELECT set_config('lock_timeout', $1, true)", 1, timeout, what,
					  err) &&
			  command(conn,
					  ml_arena_printf(arena, "ALTER TABLE %s ADD COLUMN IF NOT EXISTS \"name\" text",
									  lg->qtable),
					  0, NULL, what, err) &&
			  command(conn,
					  ml_arena_printf(arena,
									  "ALTER TABLE %s ADD COLUMN IF NOT EXISTS \"applied_at\" "
									  "timestamp with time zone DEFAULT now()",
									  lg->qtable),
					  0, NULL, what, err);

	for (size_t r = 0; ok && r < lg->n_rows; r++)
	{
		const char *params[2] = {plan->migrations[lg->rows[r].upgrade_pick].name,
								 ml_arena_printf(arena, "%lld", lg->rows[r].id)};

		ok = command(conn, update, 2, params, what, err);
	}
	if (ok)
		ok = command(conn, "commit", 0, NULL, what, err);
	else
		ml_pq.clear(ml_pq.exec(conn, "rollback"));
	return ok;
}

/* The pending migrations in the order drizzle runs them (after an upgrade: by created_at). */
static size_t *
pending_order(struct ml_arena *arena, const struct ml_ledger *lg,
			  const struct ml_apply_plan *plan, bool upgraded)
{
	size_t *order = ml_arena_alloc(arena, (plan->n + 1) * sizeof(size_t)), k = 0;

	for (size_t m = 0; m < plan->n; m++)
		if (lg->state[m] == ML_MIG_PENDING)
			order[k++] = m;
	for (size_t i = 1; upgraded && i < k; i++)
		for (size_t j = i; j > 0; j--)
		{
			const struct ml_apply_migration *a = &plan->migrations[order[j - 1]],
											*b = &plan->migrations[order[j]];
			size_t t;

			if (a->created_at < b->created_at ||
				(a->created_at == b->created_at && ml_folder_name_compare(a->name, b->name) <= 0))
				break;
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	return order;
}

/* BEGIN, every pending migration and its row, COMMIT. Returns the count, or -1 (printed). */
static long
migrate(PGconn *conn, struct ml_arena *arena, const struct ml_ledger *lg,
		const struct ml_apply_plan *plan, const struct ml_apply_options *opt, const char *key,
		bool upgraded)
{
	const char *what = "could not start the migration transaction";
	const char *timeout[1] = {opt->lock_timeout}, *lock[1] = {key};
	char *insert = plan->v1 ? ml_arena_printf(arena,
											  "insert into %s (\"hash\", \"created_at\", \"name\") "
											  "values($1, $2, $3)",
											  lg->qtable)
							: ml_arena_printf(arena,
											  "insert into %s (\"hash\", \"created_at\") "
											  "values($1, $2)",
											  lg->qtable);
	size_t *order = pending_order(arena, lg, plan, upgraded);

	if (!command(conn, "begin", 0, NULL, what, opt->err) ||
		!command(conn, "SELECT set_config('lock_timeout', $1, true)", 1, timeout, what, opt->err) ||
		!command(conn, "SELECT pg_advisory_xact_lock($1::bigint)", 1, lock, what, opt->err))
	{
		ml_pq.clear(ml_pq.exec(conn, "rollback"));
		return -1;
	}
	for (size_t k = 0; k < lg->n_pending; k++)
	{
		const struct ml_apply_migration *mg = &plan->migrations[order[k]];
		const char *params[3] = {mg->hash, ml_arena_printf(arena, "%lld", mg->created_at),
								 mg->name};
		long long start = now_ms();
		PGresult *res = NULL;
		size_t c;

		if (!opt->quiet)
		{
			fprintf(opt->out, "[%zu/%zu] %s ...", k + 1, lg->n_pending, mg->name);
			if (opt->tty)
				fflush(opt->out);
		}
		for (c = 0; c < mg->n_chunks && res == NULL; c++)
		{
			res = exec_chunk(conn, ml_arena_strndup(arena, mg->data + mg->chunks[c].offset,
													mg->chunks[c].len));
			if (res == NULL && ml_pq.transactionStatus(conn) != PQTRANS_INTRANS)
			{
				/* Not reachable through the refusals above; a last guard. */
				if (!opt->quiet)
					fprintf(opt->out, " failed\n");
				fprintf(opt->err, "miglint: error: migration \"%s\" ended the migration "
								  "transaction; what ran before it may be committed\n",
						mg->name);
				fprintf(opt->err, "miglint: hint: Run miglint --status to see what was "
								  "recorded.\n");
				return -1;
			}
		}
		if (res == NULL)
		{
			res = ml_pq.execParams(conn, insert, plan->v1 ? 3 : 2, NULL, params, NULL, NULL, 0);
			if (ml_pq.resultStatus(res) == PGRES_COMMAND_OK)
			{
				ml_pq.clear(res);
				res = NULL;
			}
			else
			{
				if (!opt->quiet)
					fprintf(opt->out, " failed\n");
				ml_apply_db_error(opt->err, "could not record the migration", res, conn);
				ml_pq.clear(res);
				ml_pq.clear(ml_pq.exec(conn, "rollback"));
				return -1;
			}
		}
		if (res != NULL)
		{
			if (!opt->quiet)
				fprintf(opt->out, " failed\n");
			fflush(opt->out);
			report_chunk_error(opt->err, mg, c - 1, res, conn);
			ml_pq.clear(res);
			if (ml_pq.status(conn) == CONNECTION_BAD)
			{
				const char *m = ml_pq.errorMessage(conn);

				fprintf(opt->err, "miglint: error: could not apply \"%s\": the connection to the "
								  "server was lost (%.*s)\n",
						mg->name, (int) strcspn(m, "\n"), m);
				fprintf(opt->err, "miglint: detail: The server rolls back a transaction that was "
								  "not committed, so nothing of this run was applied.\n");
			}
			else
			{
				ml_pq.clear(ml_pq.exec(conn, "rollback"));
				if (lg->n_pending == 1)
					fprintf(opt->err, "miglint: error: migration \"%s\" failed; the "
									  "transaction was rolled back and nothing was applied\n",
							mg->name);
				else
					fprintf(opt->err, "miglint: error: migration \"%s\" failed; the "
									  "transaction was rolled back and none of the %zu pending "
									  "migrations was applied\n",
							mg->name, lg->n_pending);
			}
			return -1;
		}
		if (!opt->quiet)
			fprintf(opt->out, " ok (%lld ms)\n", now_ms() - start);
	}
	if (!command(conn, "commit", 0, NULL, "could not commit the migrations", opt->err))
	{
		if (ml_pq.status(conn) == CONNECTION_BAD)
			fprintf(opt->err, "miglint: error: the connection was lost during COMMIT, so "
							  "whether the run was applied is unknown\n"
							  "miglint: hint: Run miglint --status to see what was recorded.\n");
		else
			fprintf(opt->err, "miglint: error: nothing was applied\n");
		return -1;
	}
	return (long) lg->n_pending;
}

/* "2026-11-25 08:34:26 UTC" for milliseconds since the epoch. */
static void
format_millis(char out[40], long long ms)
{
	time_t t = (time_t) (ms / 1000);
	struct tm tm;

	if (ms < 0 || gmtime_r(&t, &tm) == NULL)
		snprintf(out, 40, "%lld", ms);
	else
		strftime(out, 40, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static void
print_status(const struct ml_ledger *lg, const struct ml_apply_plan *plan,
			 const struct ml_apply_options *opt)
{
	static const char *const names[] = {"pending", "applied", "modified", "skipped", "rerun"};
	size_t w = 0, applied = 0;

	for (size_t m = 0; m < plan->n; m++)
		if (strlen(plan->migrations[m].name) > w)
			w = strlen(plan->migrations[m].name);
	fprintf(opt->out, "%s, %s bookkeeping%s:\n", lg->qtable,
			plan->v1 ? "drizzle-orm 1.0" : "drizzle-orm 0.x",
			!lg->exists			? " (the table does not exist yet)"
			: lg->needs_upgrade ? " (a 0.x table: drizzle-orm 1.0 upgrades it first)"
								: "");
	for (size_t m = 0; m < plan->n; m++)
	{
		const struct ml_ledger_row *row = lg->row[m] >= 0 ? &lg->rows[lg->row[m]] : NULL;
		char when[40];

		applied += lg->state[m] == ML_MIG_APPLIED;
		fprintf(opt->out, "  %-8s  %-*s", names[lg->state[m]], (int) w, plan->migrations[m].name);
		if (row != NULL && row->applied_at != NULL)
			fprintf(opt->out, "  applied %s", row->applied_at);
		else if (row != NULL && row->created_text != NULL)
		{
			format_millis(when, row->created_at);
			fprintf(opt->out, "  created_at %s (%s)", row->created_text, when);
		}
		fputc('\n', opt->out);
	}
	fprintf(opt->out, "miglint: %zu applied, %zu pending, %zu %s\n", applied, lg->n_pending,
			lg->n_problems + lg->n_excusable,
			lg->n_problems + lg->n_excusable == 1 ? "problem" : "problems");
	if (lg->n_problems + lg->n_excusable > 0)
		ml_ledger_explain(opt->out, lg, plan, "problem");
}

static void
print_plan(const struct ml_ledger *lg, const struct ml_apply_plan *plan,
		   const struct ml_apply_options *opt)
{
	struct ml_arena *arena = ml_arena_create();
	size_t *order = pending_order(arena, lg, plan, lg->needs_upgrade);

	if (!lg->exists)
		fprintf(opt->out, "would create %s\n", lg->qtable);
	else if (lg->needs_upgrade)
		fprintf(opt->out, "would upgrade %s to drizzle-orm 1.0's format (%zu rows named)\n",
				lg->qtable, lg->n_rows);
	for (size_t k = 0; k < lg->n_pending; k++)
	{
		const struct ml_apply_migration *mg = &plan->migrations[order[k]];
		struct ml_file file;
		size_t shown = 0;

		fprintf(opt->out, "[%zu/%zu] %s (%s)\n", k + 1, lg->n_pending, mg->name, mg->display);
		parse_migration(&file, arena, mg);
		for (size_t i = 0; i < file.n_stmts; i++)
		{
			const char *s = mg->data + file.stmts[i].start;
			size_t len = strcspn(s, "\r\n"), cut = ml_utf8_offset(s, len, 100);

			if (file.stmts[i].in_do)
				continue;
			fprintf(opt->out, "      %.*s%s\n", (int) cut, s, cut < len ? " ..." : "");
			shown++;
		}
		if (shown == 0)
			fprintf(opt->out, "      (no statements)\n");
	}
	fprintf(opt->out, "miglint: dry run: %zu of %zu migrations would be applied in one "
					  "transaction; nothing was changed\n",
			lg->n_pending, plan->n);
	ml_arena_destroy(arena);
}

/* Connects; prints the failure in one line (libpq's first line; it never holds the password). */
static PGconn *
connect_db(const struct ml_apply_options *opt)
{
	/* node-postgres always sends client_encoding UTF8; the files are UTF-8 too. */
	const char *const keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL};
	const char *const values[] = {opt->conninfo, "miglint", "UTF8", NULL};
	PGconn *conn = ml_pq.connectdbParams(keys, values, 1);

	if (ml_pq.status(conn) != CONNECTION_OK)
	{
		ml_apply_db_error(opt->err, "could not connect to the database", NULL, conn);
		ml_pq.finish(conn);
		return NULL;
	}
	ml_pq.setNoticeProcessor(conn, discard_notice, NULL);
	return conn;
}

int
ml_apply_run(const struct ml_apply_plan *plan, const struct ml_apply_options *opt)
{
	struct ml_arena *arena;
	struct ml_ledger lg;
	PGconn *conn;
	const char *lock[1];
	const char *timeout[1] = {opt->lock_timeout};
	char key[24];
	long long start = now_ms();
	bool upgraded = false;
	long applied;
	int rc = ML_EDB;

	if (!ml_pq_load(opt->err))
		return ML_EDB;
	arena = ml_arena_create();
	conn = connect_db(opt);
	memset(&lg, 0, sizeof(lg));
	if (conn == NULL)
		goto done;
	/* ml_quote_ident quotes as drizzle's escapeName does: "name", inner quotes doubled. */
	lg.qtable = ml_arena_printf(arena, "%s.%s", ml_quote_ident(arena, opt->schema),
								ml_quote_ident(arena, opt->table));
	advisory_key(key, opt);
	lock[0] = key;
	if (opt->action == ML_APPLY_MIGRATE)
	{
		PGresult *res;

		if (!command(conn, "SELECT set_config('lock_timeout', $1, true)", 1, timeout,
					 "invalid --lock-timeout", opt->err))
			goto done;
		res = ml_pq.execParams(conn, "SELECT pg_try_advisory_lock($1::bigint)", 1, NULL, lock, NULL,
						   NULL, 0);
		if (ml_pq.resultStatus(res) == PGRES_TUPLES_OK && strcmp(ml_pq.getvalue(res, 0, 0), "f") == 0)
		{
			fprintf(opt->err, "miglint: waiting for another miglint --apply on %s to finish\n",
					lg.qtable);
			ml_pq.clear(res);
			res = ml_pq.execParams(conn, "SELECT pg_advisory_lock($1::bigint)", 1, NULL, lock, NULL,
							   NULL, 0);
		}
		if (ml_pq.resultStatus(res) != PGRES_TUPLES_OK)
		{
			ml_apply_db_error(opt->err, "could not take the advisory lock", res, conn);
			ml_pq.clear(res);
			goto done;
		}
		ml_pq.clear(res);
	}
	if (ml_ledger_read(&lg, arena, conn, opt) != 0)
		goto done;
	ml_ledger_judge(&lg, arena, plan);
	if (opt->action == ML_APPLY_STATUS)
	{
		print_status(&lg, plan, opt);
		rc = lg.n_problems + lg.n_excusable > 0 ? 1 : 0;
		goto done;
	}
	if (lg.n_problems > 0 || (lg.n_excusable > 0 && !opt->allow_modified))
	{
		ml_ledger_explain(opt->err, &lg, plan, "error");
		fprintf(opt->err, "miglint: error: nothing was applied\n");
		rc = ML_EINPUT;
		goto done;
	}
	if (lg.n_excusable > 0)
		fprintf(opt->err, "miglint: warning: --allow-modified: %zu recorded %s no file's "
						  "current content\n",
				lg.n_excusable, lg.n_excusable == 1 ? "migration matches" : "migrations match");
	if (refuse_untransactable(plan, &lg, conn, opt->err) > 0)
	{
		fprintf(opt->err, "miglint: error: nothing was applied\n");
		rc = ML_EINPUT;
		goto done;
	}
	if (opt->action == ML_APPLY_DRY_RUN)
	{
		print_plan(&lg, plan, opt);
		rc = 0;
		goto done;
	}
	/* What drizzle sends first, in autocommit. */
	if (!command(conn, ml_arena_printf(arena, "CREATE SCHEMA IF NOT EXISTS %s",
									   ml_quote_ident(arena, opt->schema)),
				 0, NULL, "could not create the migrations schema", opt->err))
		goto done;
	if ((!plan->v1 || !lg.exists) &&
		!command(conn,
				 ml_arena_printf(arena,
								 "\n\t\t\tCREATE TABLE IF NOT EXISTS %s (\n\t\t\t\tid SERIAL "
								 "PRIMARY KEY,\n\t\t\t\thash text NOT NULL,\n\t\t\t\tcreated_at "
								 "bigint%s\n\t\t\t)\n\t\t",
								 lg.qtable,
								 plan->v1 ? ",\n\t\t\t\tname text,\n\t\t\t\tapplied_at timestamp "
											"with time zone DEFAULT now()"
										  : ""),
				 0, NULL, "could not create the migrations table", opt->err))
		goto done;
	if (lg.needs_upgrade)
	{
		if (!upgrade_table(conn, arena, &lg, plan, opt->lock_timeout, opt->err))
			goto done;
		upgraded = true;
		if (!opt->quiet)
			fprintf(opt->out, "upgraded %s to drizzle-orm 1.0's format (%zu rows named)\n",
					lg.qtable, lg.n_rows);
	}
	if (lg.n_pending == 0)
	{
		/* drizzle still sends begin and commit; nothing changes either way. */
		fprintf(opt->out, "miglint: nothing to apply: all %zu migrations are applied\n", plan->n);
		rc = 0;
		goto done;
	}
	applied = migrate(conn, arena, &lg, plan, opt, key, upgraded);
	if (applied < 0)
	{
		if (upgraded)
			fprintf(opt->err, "miglint: note: the migrations table stays upgraded to "
							  "drizzle-orm 1.0's format, as drizzle-orm leaves it\n");
		goto done;
	}
	fprintf(opt->out, "miglint: applied %ld %s in one transaction (%lld ms)\n", applied,
			applied == 1 ? "migration" : "migrations", now_ms() - start);
	rc = 0;
done:
	if (conn != NULL)
		ml_pq.finish(conn);
	ml_arena_destroy(arena);
	return rc;
}
