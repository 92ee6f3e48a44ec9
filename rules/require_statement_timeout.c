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

static void
report(struct ml_check *chk, const struct ml_stmt *stmt, const struct ml_blocking_lock *lk,
	   bool wasted_local)
{
	bool tx = ml_check_in_transaction(chk);
	struct ml_diag *d;

	d = ml_report(chk, stmt, "%s takes %s with no statement_timeout set", lk->statement,
				  ml_blocking_lock_phrase(chk, lk));
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
	struct ml_blocking_lock lk;
	bool wasted_local;
	const struct ml_stmt *st;

	st = ml_check_first_unguarded_lock(chk, "statement_timeout", &lk, &wasted_local);
	if (st != NULL)
		report(chk, st, &lk, wasted_local);
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
