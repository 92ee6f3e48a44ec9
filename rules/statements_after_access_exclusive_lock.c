/* SPDX-License-Identifier: MIT */
/*
 * statements_after_access_exclusive_lock.c
 *	  Flags statements that run, in the same transaction, after one that took an ACCESS
 *	  EXCLUSIVE lock on an existing table.
 *
 * A lock is held until its transaction ends. Once an ALTER TABLE (or RENAME, TRUNCATE, ...)
 * holds ACCESS EXCLUSIVE on a busy table, every later statement of the transaction that does
 * real work (a backfill, an index build on an existing table, a validated constraint, a
 * rewrite) keeps every query on that table waiting. Catalog-only statements (another column
 * added without a default, a rename, SET) take no time and do not count, so a run of instant
 * ALTER TABLEs is left to multiple-alter-table. Reported once per transaction, at the first
 * such statement, with how many run while the lock is held. Tables created earlier in the
 * migration are exempt (nothing uses them). Which statements share a transaction follows the
 * runner: a Drizzle folder or "transaction" "all" / "per-file" wraps the file, BEGIN ...
 * COMMIT does it elsewhere, and a COMMIT or ROLLBACK ends it either way.
 */
#include <string.h>

#include "miglint/rule.h"

/*
 * True when 'st' does work that grows with the data, and so holds the lock for a while: DML
 * on an existing table (or reading one), a query that reads a table, an index built on an
 * existing table, an ALTER TABLE of an existing table that rewrites it or reads every row,
 * VALIDATE CONSTRAINT, and the maintenance commands.
 */
static bool
does_work(const struct ml_check *chk, const struct ml_stmt *st)
{
	const PgQuery__Node *n = st->node;

	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_INSERT_STMT:
			/* Seed rows into a new table take no time; a copy from a table may. */
			return ml_check_table_existed(chk, n->insert_stmt->relation) ||
				   (n->insert_stmt->select_stmt != NULL &&
					n->insert_stmt->select_stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
					n->insert_stmt->select_stmt->select_stmt->n_from_clause > 0);
		case PG_QUERY__NODE__NODE_UPDATE_STMT:
			return ml_check_table_existed(chk, n->update_stmt->relation) ||
				   n->update_stmt->n_from_clause > 0;
		case PG_QUERY__NODE__NODE_DELETE_STMT:
			return ml_check_table_existed(chk, n->delete_stmt->relation) ||
				   n->delete_stmt->n_using_clause > 0;
		case PG_QUERY__NODE__NODE_MERGE_STMT:
		case PG_QUERY__NODE__NODE_COPY_STMT:
		case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
		case PG_QUERY__NODE__NODE_CLUSTER_STMT:
		case PG_QUERY__NODE__NODE_VACUUM_STMT:
		case PG_QUERY__NODE__NODE_REINDEX_STMT:
			return true;
		case PG_QUERY__NODE__NODE_SELECT_STMT:
			return n->select_stmt->n_from_clause > 0 || n->select_stmt->larg != NULL;
		case PG_QUERY__NODE__NODE_INDEX_STMT:
			return ml_check_table_existed(chk, n->index_stmt->relation);
		case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
			if (!ml_check_table_existed(chk, n->alter_table_stmt->relation))
				return false;
			for (size_t i = 0; i < n->alter_table_stmt->n_cmds; i++)
			{
				const PgQuery__AlterTableCmd *cmd = n->alter_table_stmt->cmds[i]->alter_table_cmd;

				if (cmd != NULL &&
					(ml_alter_cmd_needs_pass(cmd) ||
					 cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint))
					return true;
			}
			return false;
		default:
			return false;
	}
}

/* Reports the statement 'next' that runs while 'holder' holds lock 'lk'; 'more' counts it too. */
static void
report(struct ml_check *chk, const struct ml_stmt *holder, const struct ml_stmt *next,
	   const struct ml_blocking_lock *lk, size_t more)
{
	struct ml_diag *d;
	unsigned line, col;

	ml_source_line_col(chk->file->src, holder->start, &line, &col);
	d = ml_report(chk, next, "statement runs while %s is held",
				  ml_blocking_lock_phrase(chk, lk));
	ml_diag_detail(d, "The %s at line %u took the lock, and it is held until the transaction "
					  "ends: queries on the table wait for this statement%s.",
				   lk->statement, line,
				   more > 1 ? ml_arena_printf(chk->arena, " and the %zu after it", more - 1)
							: "");
	if (ml_check_drizzle(chk))
		ml_diag_hint(d, "Do the work before the %s, or give the %s a migration of its own; work "
						"that needs what it made (a backfill of a new column) goes into a later "
						"migration, deployed separately: drizzle-orm runs every pending "
						"migration in one transaction.",
					 lk->statement, lk->statement);
	else
		ml_diag_hint(d, "Do the work before the %s, or give the %s a transaction of its own; "
						"work that needs what it made (a backfill of a new column) goes into a "
						"later transaction, in batches.",
					 lk->statement, lk->statement);
}

/*
 * One statement of the file with the statements of its DO block, if it is one: the lock they
 * take (lock->lock is NULL when none takes ACCESS EXCLUSIVE on an existing table), and whether
 * one of them does work. Returns the index of the next statement after it.
 */
static size_t
unit_at(const struct ml_check *chk, size_t i, struct ml_blocking_lock *lock, bool *works)
{
	const struct ml_stmt *stmts = chk->file->stmts;
	struct ml_blocking_lock lk;
	size_t end = i + 1;

	while (end < chk->file->n_stmts && stmts[end].in_do)
		end++;
	memset(lock, 0, sizeof(*lock));
	*works = false;
	for (size_t k = i; k < end; k++)
	{
		if (stmts[k].node == NULL)
			continue;
		*works = *works || does_work(chk, &stmts[k]);
		if (lock->lock == NULL && ml_check_blocking_lock(chk, &stmts[k], &lk) &&
			strcmp(lk.lock, "ACCESS EXCLUSIVE") == 0)
			*lock = lk;
	}
	return end;
}

/* Entry point: called once per file, after its statements. */
static void
check(struct ml_check *chk)
{
	bool in_tx = ml_check_in_transaction(chk), works;
	const struct ml_stmt *holder = NULL, *next = NULL;
	struct ml_blocking_lock held = {0}, lk;
	size_t more = 0, i = 0;

	while (i <= chk->file->n_stmts)
	{
		const struct ml_stmt *st = i < chk->file->n_stmts ? &chk->file->stmts[i] : NULL;
		enum ml_tx_effect e = st != NULL ? ml_stmt_tx_effect(st->node) : ML_TX_END;

		if (e == ML_TX_OPEN)
			in_tx = true;
		if (e == ML_TX_END || e == ML_TX_END_AND_OPEN)
		{
			if (next != NULL)
				report(chk, holder, next, &held, more);
			holder = next = NULL;
			more = 0;
			in_tx = e == ML_TX_END_AND_OPEN;
			i++;
			continue;
		}
		i = unit_at(chk, i, &lk, &works);
		if (holder != NULL && works)
		{
			next = next != NULL ? next : st;
			more++;
		}
		else if (holder == NULL && in_tx && lk.lock != NULL)
		{
			holder = st;
			held = lk;
		}
	}
}

const struct ml_rule ml_rule_statements_after_access_exclusive_lock = {
	.name = "statements-after-access-exclusive-lock",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "statements that run in the same transaction after an ACCESS EXCLUSIVE lock on "
			   "an existing table",
	.why = "A lock is held until the transaction ends. After a statement takes ACCESS EXCLUSIVE "
		   "on a busy table, every statement after it in the transaction keeps every query on "
		   "that table waiting, however quick the locking statement itself was.",
	.fix = "Take the ACCESS EXCLUSIVE lock last in the transaction, or in a transaction (a "
		   "migration) of its own.",
	.bad = "ALTER TABLE \"users\" ADD COLUMN IF NOT EXISTS \"bio\" text;\nUPDATE \"posts\" SET "
		   "\"title\" = trim(\"title\");",
	.good = "UPDATE \"posts\" SET \"title\" = trim(\"title\");\nALTER TABLE \"users\" ADD COLUMN "
			"IF NOT EXISTS \"bio\" text;",
	.check_file = check,
};
