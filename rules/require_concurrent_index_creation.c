/* SPDX-License-Identifier: MIT */
/*
 * require_concurrent_index_creation.c
 *	  Flags CREATE INDEX without CONCURRENTLY on a table that existed before the migration.
 *
 * CREATE INDEX holds a SHARE lock on the table until the build ends: on a big table every
 * INSERT, UPDATE and DELETE waits minutes. A table created earlier in the same migration is
 * empty and unseen, so its indexes are exempt (the catalog says so). The hint is written for
 * the runner at hand: drizzle-orm runs all pending migrations in one transaction, where
 * CONCURRENTLY always fails, so advising it blindly would break the deploy.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__IndexStmt *ix;
	const char *table, *name;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_INDEX_STMT)
		return;
	ix = stmt->node->index_stmt;
	if (ix->concurrent || ix->relation == NULL || !ml_check_table_existed(chk, ix->relation))
		return;
	table = ml_name_range_var(chk->arena, ix->relation);
	name = ix->idxname && ix->idxname[0] ? ml_quote_ident(chk->arena, ix->idxname) : NULL;
	if (name != NULL)
		d = ml_report(chk, stmt, "%s %s blocks writes to table %s while it builds",
					  ix->unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX", name, table);
	else
		d = ml_report(chk, stmt, "%s on table %s blocks writes while it builds",
					  ix->unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX", table);
	ml_diag_detail(d, "CREATE INDEX holds a SHARE lock on %s until the index is built: every "
					  "INSERT, UPDATE and DELETE waits, for as long as the build takes on a big "
					  "table.",
				   table);
	if (ml_check_drizzle(chk))
		ml_diag_hint(d, "drizzle-orm runs all pending migrations in one transaction, where "
						"CONCURRENTLY fails. Build the index outside the migrator first "
						"(CREATE INDEX CONCURRENTLY IF NOT EXISTS ... in psql or a deploy step) "
						"and keep CREATE INDEX IF NOT EXISTS here, which then finds it.");
	else if (ml_check_in_transaction(chk))
		ml_diag_hint(d, "Write CREATE INDEX CONCURRENTLY.%s", ml_check_concurrently_note(chk));
	else
		ml_diag_hint(d, "Write CREATE INDEX CONCURRENTLY, and run it outside a transaction "
						"block.%s",
					 ml_check_do_block_note(stmt));
}

const struct ml_rule ml_rule_require_concurrent_index_creation = {
	.name = "require-concurrent-index-creation",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "CREATE INDEX without CONCURRENTLY on a table that already exists",
	.why = "CREATE INDEX holds a SHARE lock on its table until the index is built, so every "
		   "write to the table waits for the whole build. An index on a table created earlier in "
		   "the same migration is exempt: that table is empty and nothing uses it yet.",
	.fix = "Build the index with CREATE INDEX CONCURRENTLY outside a transaction. Under "
		   "drizzle-orm's migrator, which runs every pending migration in one transaction, build "
		   "it outside the migrator first and keep CREATE INDEX IF NOT EXISTS in the migration.",
	.bad = "CREATE INDEX \"posts_author_idx\" ON \"posts\" (\"author_id\");",
	.good = "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"posts_author_idx\" ON \"posts\" "
			"(\"author_id\");",
	.check_statement = check,
};
