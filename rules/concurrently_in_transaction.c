/* SPDX-License-Identifier: MIT */
/*
 * concurrently_in_transaction.c
 *	  Flags statements that PostgreSQL refuses inside a transaction block, in a migration
 *	  that its runner wraps in one.
 *
 * drizzle-orm's migrator runs every pending migration in one transaction, so CREATE / DROP
 * INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM, ALTER
 * SYSTEM, CREATE / DROP DATABASE and CREATE TABLESPACE always fail there (SQLSTATE 25001),
 * and every pending migration is rolled back with them. drizzle-kit itself writes CREATE
 * INDEX CONCURRENTLY for an index declared .concurrently(). Before PostgreSQL 12 (pgVersion)
 * ALTER TYPE ... ADD VALUE joins them, unless the type was created in the same migration
 * (PostgreSQL allows it on a type created in the running transaction). Elsewhere the rule
 * follows the config's "transaction" setting. squawk's narrower ban-concurrent-index-
 * creation-in-transaction is an alias of this rule.
 */
#include "miglint/rule.h"

/*
 * "ALTER TYPE ... ADD VALUE" when 'stmt' adds an enum value on a server before PostgreSQL 12
 * to a type that existed before this migration; NULL otherwise.
 */
static const char *
add_value_before_12(const struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterEnumStmt *ae;
	const struct ml_cat_object *type;
	const char *schema, *name;

	if (chk->config->pg_version >= 12 ||
		stmt->node->node_case != PG_QUERY__NODE__NODE_ALTER_ENUM_STMT)
		return NULL;
	ae = stmt->node->alter_enum_stmt;
	if (ae->old_val != NULL && ae->old_val[0] != '\0')
		return NULL;
	type = chk->catalog != NULL && ml_name_split(ae->type_name, ae->n_type_name, &schema, &name)
			   ? ml_catalog_find(chk->catalog, ML_OBJ_TYPE, schema, name)
			   : NULL;
	if (type != NULL && !ml_catalog_existed_before(chk->catalog, type))
		return NULL;
	return "ALTER TYPE ... ADD VALUE";
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const char *what = ml_stmt_refused_in_transaction(stmt->node);
	struct ml_diag *d;

	if (what == NULL)
		what = add_value_before_12(chk, stmt);
	if (what == NULL || stmt->in_do || !ml_check_in_transaction(chk))
		return;
	d = ml_report(chk, stmt, "%s cannot run inside a transaction block", what);
	if (stmt->node->node_case == PG_QUERY__NODE__NODE_ALTER_ENUM_STMT)
	{
		ml_diag_detail(d, "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE fails inside a "
						  "transaction block (SQLSTATE 25001) unless the type was created in the "
						  "same transaction; pgVersion is %d.",
					   chk->config->pg_version);
		ml_diag_hint(d, "Add the value outside the migrator (psql or a deploy step) and take the "
						"statement out of the migration: even with IF NOT EXISTS it fails in a "
						"transaction block before PostgreSQL 12. Or upgrade to 12 or later.");
	}
	else if (ml_check_drizzle(chk))
	{
		ml_diag_detail(d, "drizzle-orm's migrator runs every pending migration in one "
						  "transaction, so this statement always fails (SQLSTATE 25001) and "
						  "every pending migration is rolled back with it.");
		if (stmt->node->node_case == PG_QUERY__NODE__NODE_INDEX_STMT)
			ml_diag_hint(d, "Build the index outside the migrator (in psql or a deploy step, "
							"before drizzle-kit migrate) and write CREATE INDEX IF NOT EXISTS "
							"here, without CONCURRENTLY: it then finds the index and does "
							"nothing.");
		else
			ml_diag_hint(d, "Run it outside the migrator (in psql or a deploy step), not in a "
							"migration.");
	}
	else
	{
		ml_diag_detail(d, "%s, where PostgreSQL refuses it (SQLSTATE 25001).",
					   chk->config->transaction == ML_TRANSACTION_DEFAULT
						   ? "Runners of plain migration folders wrap each file in a transaction"
						   : "The config says the runner wraps migrations in a transaction");
		ml_diag_hint(d, "Move it to a migration the runner executes outside a transaction (sqlx: "
						"open the file with -- no-transaction), or set \"transaction\": \"none\" in "
						"the config if the runner uses none.");
	}
}

const struct ml_rule ml_rule_concurrently_in_transaction = {
	.name = "concurrently-in-transaction",
	.category = ML_CATEGORY_TRANSACTION,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a statement PostgreSQL refuses inside the migrator's transaction",
	.why = "CREATE / DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION "
		   "CONCURRENTLY, VACUUM, ALTER SYSTEM and CREATE DATABASE cannot run in a transaction "
		   "block, nor, before PostgreSQL 12, ALTER TYPE ... ADD VALUE. drizzle-orm runs every "
		   "pending migration in one transaction, so such a statement always fails there and "
		   "rolls back everything that was pending.",
	.fix = "Run the statement outside the migrator (psql, a deploy step). For an index, build "
		   "it concurrently there first and keep CREATE INDEX IF NOT EXISTS in the migration.",
	.bad = "CREATE INDEX CONCURRENTLY \"posts_title_idx\" ON \"posts\" (\"title\");  -- in a "
		   "Drizzle folder",
	.good = "CREATE INDEX IF NOT EXISTS \"posts_title_idx\" ON \"posts\" (\"title\");  -- built "
			"concurrently beforehand, outside the migrator",
	.check_statement = check,
};
