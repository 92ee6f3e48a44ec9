/* SPDX-License-Identifier: MIT */
/*
 * require_table_schema.c
 *	  Flags CREATE TABLE without a schema name (off by default).
 *
 * Without a schema the table lands in the first schema of the session's search_path, which
 * differs between roles, connection poolers and databases. Projects that keep several
 * schemas turn this on; drizzle-kit writes public tables without a schema, so it is off.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__RangeVar *rv;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_CREATE_STMT)
		return;
	rv = stmt->node->create_stmt->relation;
	if (rv == NULL || (rv->schemaname != NULL && rv->schemaname[0] != '\0') ||
		rv->relpersistence[0] == 't')
		return;
	d = ml_report(chk, stmt, "table %s is created without a schema",
				  ml_quote_ident(chk->arena, rv->relname));
	ml_diag_detail(d, "It lands in the first schema of the session's search_path, which can "
					  "differ between roles, poolers and databases.");
	ml_diag_hint(d, "Write the schema: CREATE TABLE \"public\".%s.",
				 ml_quote_ident(chk->arena, rv->relname));
}

const struct ml_rule ml_rule_require_table_schema = {
	.name = "require-table-schema",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_OFF,
	.summary = "CREATE TABLE without a schema name (off by default)",
	.why = "An unqualified table is created in whatever schema comes first in the search_path "
		   "of the session that runs the migration.",
	.fix = "Qualify the table with its schema.",
	.bad = "CREATE TABLE IF NOT EXISTS \"users\" (\"id\" int);",
	.good = "CREATE TABLE IF NOT EXISTS \"public\".\"users\" (\"id\" int);",
	.check_statement = check,
};
