/* SPDX-License-Identifier: MIT */
/*
 * ban_concurrent_index_pg14_corruption.c
 *	  Flags CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY when the migrations run on
 *	  PostgreSQL 14.0 to 14.3.
 *
 * Those releases can build an index concurrently that silently misses rows updated during
 * the build (fixed in 14.4, June 2022): queries that use the index then return wrong
 * results, and only a REINDEX repairs it. pgVersion "14" does not say which 14.x the server
 * runs, so it is flagged too, and the hint says how to state the release. Statements inside
 * DO blocks are left out: CONCURRENTLY cannot run there at all.
 */
#include "miglint/rule.h"

/* True when the configured server is (or might be) PostgreSQL 14.0 to 14.3. */
static bool
affected_release(const struct ml_config *cfg)
{
	return cfg->pg_version == 14 && cfg->pg_minor < 4;
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const char *what, *hint;
	struct ml_diag *d;

	if (stmt->in_do || !affected_release(chk->config) ||
		(stmt->node->node_case != PG_QUERY__NODE__NODE_INDEX_STMT &&
		 stmt->node->node_case != PG_QUERY__NODE__NODE_REINDEX_STMT) ||
		(what = ml_stmt_refused_in_transaction(stmt->node)) == NULL)
		return;
	if (chk->config->pg_minor >= 0)
	{
		d = ml_report(chk, stmt, "%s can corrupt the index on PostgreSQL 14.%d", what,
					  chk->config->pg_minor);
		hint = "Upgrade the server to 14.4 or later before building indexes concurrently, "
			   "then set pgVersion to that release.";
	}
	else
	{
		d = ml_report(chk, stmt, "%s can corrupt the index on PostgreSQL 14.0 to 14.3", what);
		hint = "Upgrade the server to 14.4 or later first. If it runs 14.4 or later already, "
			   "say so: --pg-version 14.N, or \"pgVersion\": \"14.N\" in the config.";
	}
	ml_diag_detail(d, "A bug in PostgreSQL 14.0 to 14.3 lets a concurrent build miss rows "
					  "updated while it runs: the index silently lacks them, and queries that "
					  "use it return wrong results until a REINDEX. PostgreSQL 14.4 fixed it.");
	ml_diag_hint(d, "%s", hint);
}

const struct ml_rule ml_rule_ban_concurrent_index_pg14_corruption = {
	.name = "ban-concurrent-index-pg14-corruption",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_ERROR,
	.summary = "CREATE INDEX / REINDEX CONCURRENTLY on PostgreSQL 14.0 to 14.3",
	.why = "PostgreSQL 14.0 to 14.3 can build an index concurrently that silently misses rows "
		   "updated during the build, so queries using it return wrong results. The rule follows "
		   "pgVersion: \"14\" alone might be any 14.x and is flagged; \"14.4\" or later is not.",
	.fix = "Upgrade to PostgreSQL 14.4 or later before building indexes concurrently, and set "
		   "pgVersion to the release the server runs.",
	.bad = "-- pgVersion \"14.2\"\nCREATE INDEX CONCURRENTLY \"posts_title_idx\" ON \"posts\" "
		   "(\"title\");",
	.good = "-- pgVersion \"14.4\"\nCREATE INDEX CONCURRENTLY \"posts_title_idx\" ON \"posts\" "
			"(\"title\");",
	.check_statement = check,
};
