/* SPDX-License-Identifier: MIT */
/*
 * prefer_repack.c
 *	  Flags VACUUM FULL and CLUSTER.
 *
 * Both rewrite the whole table under an ACCESS EXCLUSIVE lock: nothing reads or writes it
 * until the copy is done, which on a big table is an outage. pg_repack (or pg_squeeze) does
 * the same online; from PostgreSQL 19 (pgVersion) REPACK (CONCURRENTLY) does it in core. It
 * cannot run in a transaction block either, so the hint follows the runner. A table created
 * earlier in the same migration is exempt.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__RangeVar *rv = NULL;
	const char *what;
	struct ml_diag *d;

	if (stmt->node->node_case == PG_QUERY__NODE__NODE_VACUUM_STMT &&
		stmt->node->vacuum_stmt->is_vacuumcmd &&
		ml_def_elem_find(stmt->node->vacuum_stmt->options, stmt->node->vacuum_stmt->n_options,
						 "full") != NULL)
	{
		const PgQuery__VacuumStmt *vs = stmt->node->vacuum_stmt;

		what = "VACUUM FULL";
		/* The first table that existed before the migration; new ones are empty. */
		for (size_t i = 0; i < vs->n_rels && rv == NULL; i++)
			if (vs->rels[i]->node_case == PG_QUERY__NODE__NODE_VACUUM_RELATION &&
				vs->rels[i]->vacuum_relation->relation != NULL &&
				ml_check_table_existed(chk, vs->rels[i]->vacuum_relation->relation))
				rv = vs->rels[i]->vacuum_relation->relation;
		if (vs->n_rels > 0 && rv == NULL)
			return;
	}
	else if (stmt->node->node_case == PG_QUERY__NODE__NODE_CLUSTER_STMT)
	{
		what = "CLUSTER";
		rv = stmt->node->cluster_stmt->relation;
		/* A table created earlier in the migration is empty and unused. */
		if (rv != NULL && !ml_check_table_existed(chk, rv))
			return;
	}
	else
		return;
	if (rv != NULL)
		d = ml_report(chk, stmt, "%s rewrites table %s under an ACCESS EXCLUSIVE lock", what,
					  ml_name_range_var(chk->arena, rv));
	else
		d = ml_report(chk, stmt, "%s rewrites every table under an ACCESS EXCLUSIVE lock", what);
	ml_diag_detail(d, "Nothing can read or write the table until the copy is complete, which on "
					  "a big table is an outage.");
	if (chk->config->pg_version >= 19 && ml_check_in_transaction(chk))
		ml_diag_hint(d, "Run REPACK (CONCURRENTLY), which rebuilds the table online, outside the "
						"migrator: it cannot run in the migrator's transaction.");
	else if (chk->config->pg_version >= 19)
		ml_diag_hint(d, "Write REPACK (CONCURRENTLY) instead, outside a transaction block: it "
						"rebuilds the table online.");
	else
		ml_diag_hint(d, "Use pg_repack (or pg_squeeze), which rebuilds the table online, outside "
						"the migrations (PostgreSQL 19 adds REPACK (CONCURRENTLY) in core).");
}

const struct ml_rule ml_rule_prefer_repack = {
	.name = "prefer-repack",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "VACUUM FULL or CLUSTER",
	.why = "VACUUM FULL and CLUSTER rewrite the whole table under an ACCESS EXCLUSIVE lock: no "
		   "query can use it until they finish.",
	.fix = "Rebuild bloated tables online with pg_repack or pg_squeeze, outside the migrations; "
		   "from PostgreSQL 19 (pgVersion 19), with REPACK (CONCURRENTLY) outside a transaction.",
	.bad = "VACUUM FULL \"events\";",
	.good = "-- pg_repack --table=events, run outside the migrations",
	.check_statement = check,
};
