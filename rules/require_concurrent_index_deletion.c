/* SPDX-License-Identifier: MIT */
/*
 * require_concurrent_index_deletion.c
 *	  Flags DROP INDEX without CONCURRENTLY.
 *
 * DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: reads and writes wait, and
 * so does everything queued behind them. DROP INDEX CONCURRENTLY waits for running queries
 * instead. Under drizzle-orm's single transaction CONCURRENTLY fails, so the hint says so.
 * An index of a table created earlier in the same migration is exempt: nobody uses that
 * table yet (the catalog knows each index's table).
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__DropStmt *ds;
	struct ml_diag *d;
	const char *names = "";

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_DROP_STMT)
		return;
	ds = stmt->node->drop_stmt;
	if (ds->remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_INDEX || ds->concurrent)
		return;
	for (size_t i = 0; i < ds->n_objects; i++)
		if (ml_check_index_table_existed(chk, ds->objects[i]))
			names = ml_arena_printf(chk->arena, "%s%s%s", names, names[0] ? ", " : "",
									ml_name_object(chk->arena, ds->objects[i]));
	if (names[0] == '\0')
		return;
	d = ml_report(chk, stmt, "DROP INDEX %s locks its table against reads and writes", names);
	ml_diag_detail(d, "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table; while it "
					  "waits for running queries, every new query on the table queues behind it.");
	if (ml_check_in_transaction(chk))
		ml_diag_hint(d, "DROP INDEX CONCURRENTLY cannot run in the migrator's transaction: drop "
						"the index outside the migrator (psql or a deploy step) and keep DROP "
						"INDEX IF EXISTS here, or set a short lock_timeout before it.");
	else
		ml_diag_hint(d, "Write DROP INDEX CONCURRENTLY IF EXISTS %s, outside a transaction block.%s",
					 names, ml_check_do_block_note(stmt));
}

const struct ml_rule ml_rule_require_concurrent_index_deletion = {
	.name = "require-concurrent-index-deletion",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "DROP INDEX without CONCURRENTLY",
	.why = "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table, so every query on it waits, "
		   "and queues behind the drop while it waits for running queries.",
	.fix = "Use DROP INDEX CONCURRENTLY outside a transaction; under drizzle-orm's migrator, drop "
		   "it outside the migrator and keep DROP INDEX IF EXISTS in the migration.",
	.bad = "DROP INDEX \"posts_slug_idx\";",
	.good = "DROP INDEX CONCURRENTLY IF EXISTS \"posts_slug_idx\";",
	.check_statement = check,
};
