/* SPDX-License-Identifier: MIT */
/*
 * ban_uncommitted_transaction.c
 *	  Flags a BEGIN that the file never ends with COMMIT or ROLLBACK.
 *
 * Run with psql, the transaction stays open when the file ends and psql rolls it back on
 * exit: the migration did nothing, and said nothing. Where the runner wraps the file in its
 * own transaction, transaction-nesting reports the BEGIN instead.
 */
#include "miglint/rule.h"

/* Entry point: called once per file, after its statements. */
static void
check(struct ml_check *chk)
{
	const struct ml_stmt *open = NULL;
	struct ml_diag *d;

	if (ml_check_in_transaction(chk))
		return;
	for (size_t i = 0; i < chk->file->n_stmts; i++)
	{
		const struct ml_stmt *st = &chk->file->stmts[i];

		if (st->in_do)
			continue;
		switch (ml_stmt_tx_effect(st->node))
		{
			case ML_TX_OPEN:
			case ML_TX_END_AND_OPEN: /* COMMIT AND CHAIN leaves the next one open */
				open = st;
				break;
			case ML_TX_END:
				open = NULL;
				break;
			case ML_TX_NONE:
				break;
		}
	}
	if (open == NULL)
		return;
	d = ml_report(chk, open, "%s without a COMMIT before the end of the file",
				  ml_stmt_tx_effect(open->node) == ML_TX_OPEN ? "BEGIN"
				  : open->node->transaction_stmt->kind ==
						  PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK
					  ? "ROLLBACK AND CHAIN"
					  : "COMMIT AND CHAIN");
	ml_diag_detail(d, "The file ends with the transaction open: psql rolls it back when it "
					  "exits, so nothing after BEGIN is applied, without an error.");
	ml_diag_hint(d, "End the file with a COMMIT statement.");
}

const struct ml_rule ml_rule_ban_uncommitted_transaction = {
	.name = "ban-uncommitted-transaction",
	.category = ML_CATEGORY_TRANSACTION,
	.severity = ML_SEVERITY_WARNING,
	.summary = "BEGIN without a COMMIT by the end of the file",
	.why = "A transaction left open at the end of the file is rolled back when the session "
		   "ends: the migration silently does nothing.",
	.fix = "End the transaction with COMMIT in the same file.",
	.bad = "BEGIN;\nALTER TABLE \"users\" ADD COLUMN IF NOT EXISTS \"bio\" text;",
	.good = "BEGIN;\nALTER TABLE \"users\" ADD COLUMN IF NOT EXISTS \"bio\" text;\nCOMMIT;",
	.check_file = check,
};
