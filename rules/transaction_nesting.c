/* SPDX-License-Identifier: MIT */
/*
 * transaction_nesting.c
 *	  Flags BEGIN / COMMIT / ROLLBACK inside a migration its runner already wraps in a
 *	  transaction.
 *
 * drizzle-orm runs every pending migration in one transaction. A COMMIT in a migration
 * commits the migrator's transaction half-way: everything after it (the rest of this file,
 * the later pending migrations, and drizzle's own bookkeeping rows) runs outside any
 * transaction, so a failure later leaves a half-applied database and unrecorded migrations.
 * A BEGIN only draws a warning from PostgreSQL, but the COMMIT that follows it does the harm.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	PgQuery__TransactionStmtKind kind;
	const char *what;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT || stmt->in_do ||
		!ml_check_in_transaction(chk))
		return;
	kind = stmt->node->transaction_stmt->kind;
	switch (kind)
	{
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
			what = "BEGIN";
			break;
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
			what = "COMMIT";
			break;
		case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
			what = "ROLLBACK";
			break;
		default:
			return;
	}
	d = ml_report(chk, stmt, "%s inside the migrator's transaction", what);
	if (ml_check_drizzle(chk))
		ml_diag_detail(d, "drizzle-orm runs every pending migration in one transaction. %s",
					   kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK
						   ? "A ROLLBACK undoes the earlier pending migrations and drizzle's "
							 "bookkeeping, and what follows runs outside any transaction."
						   : "A COMMIT commits it half-way: the rest of this file, the later "
							 "pending migrations and drizzle's bookkeeping rows run outside any "
							 "transaction, so a later failure leaves the database half migrated.");
	else
		ml_diag_detail(d, "The runner wraps the migration in a transaction; this ends or nests it, "
						  "and what follows runs outside it.");
	ml_diag_hint(d, "Remove the transaction statements: the migrator already provides the "
					"transaction. A statement that must run outside one belongs outside the "
					"migrator.");
}

const struct ml_rule ml_rule_transaction_nesting = {
	.name = "transaction-nesting",
	.category = ML_CATEGORY_TRANSACTION,
	.severity = ML_SEVERITY_ERROR,
	.summary = "BEGIN, COMMIT or ROLLBACK inside the migrator's transaction",
	.why = "drizzle-orm runs all pending migrations in one transaction. A COMMIT inside a "
		   "migration ends it half-way, so the rest of the run, including drizzle's record of "
		   "what was applied, happens outside any transaction and a later failure leaves the "
		   "database half migrated.",
	.fix = "Remove BEGIN / COMMIT from the migration; run what needs its own transaction outside "
		   "the migrator.",
	.bad = "BEGIN;\nALTER TYPE \"status\" ADD VALUE 'archived';\nCOMMIT;",
	.good = "ALTER TYPE \"status\" ADD VALUE IF NOT EXISTS 'archived';",
	.check_statement = check,
};
