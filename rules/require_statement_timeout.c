/* SPDX-License-Identifier: MIT */
/*
 * require_statement_timeout.c
 *	  Flags the first statement of a file that takes a blocking lock on an existing table
 *	  while no statement_timeout is set (off by default).
 *
 * Once granted, the lock is held for as long as the statement runs: a rewrite, a validating
 * scan or an index build on a big table keeps the application waiting for minutes, and in
 * drizzle-orm's single transaction the locks stay until the last pending migration is done.
 * statement_timeout bounds that. SET, SET LOCAL (inside a transaction) and SELECT
 * set_config(...) earlier in the file count; RESET, DEFAULT or a zero turn it off again.
 * Tables created earlier in the migration are exempt. Off by default, as many teams set it
 * on the migration role; squawk's require-timeout-settings is an alias for this rule and
 * require-lock-timeout.
 */
#include "miglint/rule.h"

static const char *GUC = "statement_timeout";

/* "a" or "an" before a lock's name. */
static const char *
article(const char *lock)
{
	return lock[0] == 'A' || lock[0] == 'E' ? "an" : "a";
}

static void
report(struct ml_check *chk, const struct ml_stmt *stmt, const struct ml_blocking_lock *lk,
	   bool wasted_local)
{
	const char *on = lk->relation != NULL
						 ? ml_arena_printf(chk->arena, " on table %s",
										   ml_name_range_var(chk->arena, lk->relation))
					 : lk->object != NULL ? ml_arena_printf(chk->arena, " on %s", lk->object)
										  : "";
	bool tx = ml_check_in_transaction(chk);
	struct ml_diag *d;

	d = ml_report(chk, stmt, "%s takes %s %s lock%s with no statement_timeout set",
				  lk->statement, article(lk->lock), lk->lock, on);
	ml_diag_detail(d, "The lock is held for as long as the statement runs, and a rewrite, a scan "
					  "or an index build on a big table can run for minutes while the "
					  "application waits; statement_timeout makes it fail and roll back instead. "
					  "It is the first such statement in the file; one setting at the top covers "
					  "the others.%s%s",
				   wasted_local ? " The SET LOCAL before it has no effect: the file does not "
								  "run in a transaction block."
								: "",
				   ml_check_drizzle(chk) ? " Neither drizzle-orm's migrate() nor miglint --apply "
										   "sets statement_timeout."
										 : "");
	ml_diag_hint(d, "Write %s at the top of the file%s, with a longer time for a statement that "
					"must run longer.",
				 tx ? "SET LOCAL statement_timeout = '5s'" : "SET statement_timeout = '5s'",
				 tx ? " (it lasts until the migrator's transaction ends)" : "");
}

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	const struct ml_file *f = chk->file;
	bool in_tx = ml_check_in_transaction(chk), block = false, set = false, local = false;
	bool wasted_local = false;

	for (size_t i = 0; i < f->n_stmts; i++)
	{
		const struct ml_stmt *st = &f->stmts[i];
		struct ml_blocking_lock lk;

		if (st->node == NULL)
			continue;
		if (st->node->node_case == PG_QUERY__NODE__NODE_TRANSACTION_STMT && !st->in_do)
		{
			PgQuery__TransactionStmtKind k = st->node->transaction_stmt->kind;

			if (k == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN ||
				k == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START)
				block = true;
			else if (k == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT ||
					 k == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK)
			{
				block = false;
				if (local && !in_tx)
					set = local = false;
			}
		}
		switch (ml_stmt_timeout_setting(st, GUC))
		{
			case ML_TIMEOUT_SET:
				set = true;
				local = false;
				break;
			case ML_TIMEOUT_SET_LOCAL:
				if (in_tx || block)
					set = local = true;
				else
					wasted_local = true;
				break;
			case ML_TIMEOUT_CLEARED:
				set = local = false;
				break;
			case ML_TIMEOUT_UNRELATED:
				break;
		}
		if (!set && ml_check_blocking_lock(chk, st, &lk))
		{
			report(chk, st, &lk, wasted_local);
			return;
		}
	}
}

const struct ml_rule ml_rule_require_statement_timeout = {
	.name = "require-statement-timeout",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_OFF,
	.summary = "a blocking lock on an existing table with no statement_timeout set (off by "
			   "default)",
	.why = "A lock, once granted, is held for as long as the statement runs: a rewrite or an "
		   "index build on a big table blocks the application for minutes. statement_timeout "
		   "makes a statement that runs too long fail and roll back. It is off by default "
		   "because many teams set it on the migration role; neither drizzle-orm nor miglint "
		   "--apply sets it. squawk's require-timeout-settings is accepted as a name for this "
		   "rule and require-lock-timeout.",
	.fix = "Start the file with SET statement_timeout = '5s'; (SET LOCAL where the migrator runs "
		   "the file in a transaction, as drizzle-orm does), with a longer time for a statement "
		   "that must run longer.",
	.bad = "ALTER TABLE \"users\" ADD COLUMN \"bio\" text;",
	.good = "SET LOCAL statement_timeout = '5s';\nALTER TABLE \"users\" ADD COLUMN \"bio\" text;",
	.check_file = check,
};
