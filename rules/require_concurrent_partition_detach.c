/* SPDX-License-Identifier: MIT */
/*
 * require_concurrent_partition_detach.c
 *	  Flags ALTER TABLE ... DETACH PARTITION without CONCURRENTLY.
 *
 * A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table, so
 * every query on any partition waits; DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+)
 * takes SHARE UPDATE EXCLUSIVE. It cannot run in a transaction block, so under drizzle-orm's
 * migrator the hint says to run it outside; before 14 (pgVersion) it does not exist, and the
 * hint does not advise it.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterTableStmt *at;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_STMT)
		return;
	at = stmt->node->alter_table_stmt;
	for (size_t i = 0; i < at->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;
		const PgQuery__PartitionCmd *pc;
		struct ml_diag *d;

		if (cmd == NULL || cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition ||
			cmd->def == NULL || cmd->def->node_case != PG_QUERY__NODE__NODE_PARTITION_CMD)
			continue;
		pc = cmd->def->partition_cmd;
		if (pc->concurrent)
			continue;
		d = ml_report(chk, stmt, "DETACH PARTITION %s locks table %s against reads and writes",
					  ml_name_range_var(chk->arena, pc->name),
					  ml_name_range_var(chk->arena, at->relation));
		ml_diag_detail(d, "A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the "
						  "partitioned table: every query on any of its partitions waits.");
		if (chk->config->pg_version < 14)
			ml_diag_hint(d, "PostgreSQL %d has no DETACH PARTITION CONCURRENTLY (it came in 14): "
							"detach at a quiet time with a short lock_timeout, or upgrade first.",
						 chk->config->pg_version);
		else if (ml_check_in_transaction(chk))
			ml_diag_hint(d, "DETACH PARTITION CONCURRENTLY cannot run in the migrator's "
							"transaction: detach it outside the migrator (psql or a deploy "
							"step).");
		else
			ml_diag_hint(d, "Write DETACH PARTITION ... CONCURRENTLY, outside a transaction "
							"block (PostgreSQL 14 or later).%s",
						 ml_check_do_block_note(stmt));
	}
}

const struct ml_rule ml_rule_require_concurrent_partition_detach = {
	.name = "require-concurrent-partition-detach",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "DETACH PARTITION without CONCURRENTLY",
	.why = "A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table, so "
		   "every query on it and its partitions waits.",
	.fix = "Use DETACH PARTITION ... CONCURRENTLY outside a transaction; under drizzle-orm's "
		   "migrator, run it outside the migrator.",
	.bad = "ALTER TABLE \"events\" DETACH PARTITION \"events_2024\";",
	.good = "ALTER TABLE \"events\" DETACH PARTITION \"events_2024\" CONCURRENTLY;",
	.check_statement = check,
};
