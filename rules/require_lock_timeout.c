/* SPDX-License-Identifier: MIT */
/*
 * require_lock_timeout.c
 *	  Flags the first statement of a file that takes a blocking lock on an existing table
 *	  while no lock_timeout is set (off by default).
 *
 * A lock request waits behind any conflicting lock already held, such as a long report or a
 * transaction left open, and every query that arrives after it waits behind it: one ALTER
 * TABLE can stall the whole application for as long as the oldest transaction lives.
 * lock_timeout makes it give up instead. SET, SET LOCAL (inside a transaction) and
 * SELECT set_config(...) earlier in the file count; RESET, DEFAULT or a zero turn it off
 * again. Tables created earlier in the migration are exempt. Off by default, as miglint
 * --apply sets lock_timeout itself and many teams set it on the migration role; squawk's
 * require-timeout-settings is an alias for this rule and require-statement-timeout.
 */
#include "miglint/rule.h"

static void
report(struct ml_check *chk, const struct ml_stmt *stmt, const struct ml_blocking_lock *lk,
	   bool wasted_local)
{
	bool tx = ml_check_in_transaction(chk);
	struct ml_diag *d;

	d = ml_report(chk, stmt, "%s takes %s with no lock_timeout set", lk->statement,
				  ml_blocking_lock_phrase(chk, lk));
	ml_diag_detail(d, "While it waits for the lock, behind a long query or an open transaction, "
					  "every later query on the table waits behind it and the application "
					  "stalls; lock_timeout makes it fail instead. It is the first such "
					  "statement in the file; one setting at the top covers the others.%s%s",
				   wasted_local ? " The SET LOCAL before it has no effect: the file does not "
								  "run in a transaction block."
								: "",
				   ml_check_drizzle(chk) ? " drizzle-orm's migrate() sets no lock_timeout; "
										   "miglint --apply does (--lock-timeout, 5s by default)."
										 : "");
	ml_diag_hint(d, "Write %s at the top of the file%s.",
				 tx ? "SET LOCAL lock_timeout = '5s'" : "SET lock_timeout = '5s'",
				 tx ? "; it lasts until the migrator's transaction ends" : "");
}

/* Entry point: called once per file. */
static void
check(struct ml_check *chk)
{
	struct ml_blocking_lock lk;
	bool wasted_local;
	const struct ml_stmt *st;

	st = ml_check_first_unguarded_lock(chk, "lock_timeout", &lk, &wasted_local);
	if (st != NULL)
		report(chk, st, &lk, wasted_local);
}

const struct ml_rule ml_rule_require_lock_timeout = {
	.name = "require-lock-timeout",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_OFF,
	.summary = "a blocking lock on an existing table with no lock_timeout set (off by default)",
	.why = "A statement waiting for its lock makes every later query on the table wait behind "
		   "it, for as long as the transaction it waits for stays open; lock_timeout makes the "
		   "migration fail fast instead. It is off by default because miglint --apply sets "
		   "lock_timeout itself and many teams set it on the migration role. squawk's "
		   "require-timeout-settings is accepted as a name for this rule and "
		   "require-statement-timeout.",
	.fix = "Start the file with SET lock_timeout = '5s'; (SET LOCAL where the migrator runs the "
		   "file in a transaction, as drizzle-orm does), or apply with miglint --apply.",
	.bad = "ALTER TABLE \"users\" ADD COLUMN \"bio\" text;",
	.good = "SET LOCAL lock_timeout = '5s';\nALTER TABLE \"users\" ADD COLUMN \"bio\" text;",
	.check_file = check,
};
