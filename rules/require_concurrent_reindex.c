/* SPDX-License-Identifier: MIT */
/*
 * require_concurrent_reindex.c
 *	  Flags REINDEX without CONCURRENTLY.
 *
 * REINDEX locks out writes to the table (and reads that would use the index) until every
 * index is rebuilt; REINDEX CONCURRENTLY (PostgreSQL 12+) builds the new index beside the
 * old one. Under drizzle-orm's single transaction CONCURRENTLY fails, so the hint says so;
 * before 12 (pgVersion) it does not exist, and the hint gives the older route. REINDEX TABLE
 * of a table created earlier in the same migration is exempt.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__ReindexStmt *rs;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_REINDEX_STMT)
		return;
	rs = stmt->node->reindex_stmt;
	if (ml_def_elem_find(rs->params, rs->n_params, "concurrently") != NULL)
		return;
	/* A table created earlier in the migration is empty and unused. */
	if (rs->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE &&
		!ml_check_table_existed(chk, rs->relation))
		return;
	if (rs->relation != NULL)
		d = ml_report(chk, stmt, "REINDEX of %s %s without CONCURRENTLY blocks writes",
					  rs->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX ? "index"
																					 : "table",
					  ml_name_range_var(chk->arena, rs->relation));
	else
		d = ml_report(chk, stmt, "REINDEX of %s %s without CONCURRENTLY blocks writes",
					  rs->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA ? "schema"
																					  : "database",
					  ml_quote_ident(chk->arena, rs->name ? rs->name : ""));
	ml_diag_detail(d, "REINDEX holds a SHARE lock on each table (and an ACCESS EXCLUSIVE lock "
					  "on each index) until the rebuild ends: writes wait, and so do reads that "
					  "would use the index.");
	if (chk->config->pg_version < 12)
		ml_diag_hint(d, "PostgreSQL %d has no REINDEX CONCURRENTLY (it came in 12): build a new "
						"index with CREATE INDEX CONCURRENTLY, then drop the old one, %s.",
					 chk->config->pg_version,
					 ml_check_in_transaction(chk)
						 ? "outside the migrator (psql or a deploy step), since CONCURRENTLY cannot "
						   "run in its transaction"
						 : "outside a transaction block");
	else if (ml_check_in_transaction(chk))
		ml_diag_hint(d, "REINDEX CONCURRENTLY cannot run in the migrator's transaction: rebuild "
						"the index outside the migrator (psql or a deploy step).");
	else
		ml_diag_hint(d, "Write REINDEX (CONCURRENTLY) or REINDEX ... CONCURRENTLY, outside a "
						"transaction block (PostgreSQL 12 or later).%s",
					 ml_check_do_block_note(stmt));
}

const struct ml_rule ml_rule_require_concurrent_reindex = {
	.name = "require-concurrent-reindex",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "REINDEX without CONCURRENTLY",
	.why = "REINDEX blocks writes to the table, and reads that use the index, for as long as the "
		   "rebuild takes.",
	.fix = "Use REINDEX ... CONCURRENTLY outside a transaction; under drizzle-orm's migrator, "
		   "run it outside the migrator.",
	.bad = "REINDEX INDEX \"posts_slug_idx\";",
	.good = "REINDEX INDEX CONCURRENTLY \"posts_slug_idx\";",
	.check_statement = check,
};
