/* SPDX-License-Identifier: MIT */
/*
 * require_if_exists.c
 *	  Flags DROP statements that fail when a migration runs a second time.
 *
 * The second run of a bare DROP TABLE / INDEX / ... or ALTER TABLE ... DROP COLUMN / DROP
 * CONSTRAINT fails because the object is already gone, and every later migration is blocked
 * behind it. IF EXISTS makes the drop a no-op instead. Inside a DO block, a handler that
 * catches the "does not exist" condition (undefined_table, undefined_object, ...) guards it.
 */
#include <string.h>

#include "miglint/rule.h"

/* What PostgreSQL raises when the object of a DROP is missing: condition name, SQLSTATE. */
static void
missing_condition(PgQuery__ObjectType t, const char **name, const char **code)
{
	switch (t)
	{
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			*name = "undefined_table";
			*code = "42P01";
			return;
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
			*name = "invalid_schema_name";
			*code = "3F000";
			return;
		case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
		case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
			*name = "undefined_function";
			*code = "42883";
			return;
		default:
			*name = "undefined_object";
			*code = "42704";
			return;
	}
}

/* A statement inside a DO block whose handlers catch the "does not exist" error is fine. */
static bool
guarded(const struct ml_stmt *stmt, const char *condition, const char *sqlstate)
{
	return stmt->in_do && ml_stmt_guarded(stmt, condition, sqlstate);
}

/* The keyword and the noun of a DROP, or NULL for object types we do not judge. */
static const char *
drop_keyword(PgQuery__ObjectType t, const char **kind)
{
	switch (t)
	{
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
			*kind = "table";
			return "DROP TABLE";
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
			*kind = "index";
			return "DROP INDEX";
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
			*kind = "schema";
			return "DROP SCHEMA";
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
			*kind = "sequence";
			return "DROP SEQUENCE";
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
			*kind = "type";
			return "DROP TYPE";
		case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
			*kind = "domain";
			return "DROP DOMAIN";
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
			*kind = "view";
			return "DROP VIEW";
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			*kind = "materialized view";
			return "DROP MATERIALIZED VIEW";
		case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
			*kind = "function";
			return "DROP FUNCTION";
		case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
			*kind = "procedure";
			return "DROP PROCEDURE";
		case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
			*kind = "extension";
			return "DROP EXTENSION";
		case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
			*kind = "trigger";
			return "DROP TRIGGER";
		case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
			*kind = "policy";
			return "DROP POLICY";
		default:
			return NULL;
	}
}

/* "trg" ON "t" for objects that live on a table; the plain name otherwise. */
static const char *
object_name(struct ml_arena *arena, PgQuery__ObjectType t, const PgQuery__Node *obj)
{
	if ((t == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER || t == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY) &&
		obj->node_case == PG_QUERY__NODE__NODE_LIST && obj->list->n_items >= 2)
	{
		size_t n = obj->list->n_items;
		const PgQuery__Node *last = obj->list->items[n - 1];

		if (last->node_case == PG_QUERY__NODE__NODE_STRING)
			return ml_arena_printf(arena, "%s ON %s", ml_quote_ident(arena, last->string->sval),
								   ml_name_list(arena, obj->list->items, n - 1));
	}
	return ml_name_object(arena, obj);
}

static void
check_drop(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__DropStmt *drop)
{
	const char *kind = NULL;
	const char *kw = drop_keyword(drop->remove_type, &kind);
	const char *names = "";
	struct ml_diag *d;

	const char *cond, *code;

	missing_condition(drop->remove_type, &cond, &code);
	if (kw == NULL || drop->missing_ok || drop->n_objects == 0 || guarded(stmt, cond, code))
		return;
	for (size_t i = 0; i < drop->n_objects; i++)
		names = ml_arena_printf(chk->arena, "%s%s%s", names, i ? ", " : "",
								object_name(chk->arena, drop->remove_type, drop->objects[i]));
	d = ml_report(chk, stmt, "%s%s %s is not idempotent", kw, drop->concurrent ? " CONCURRENTLY" : "",
				  names);
	ml_diag_detail(d, "Running this migration a second time fails because the %s no longer exists.",
				   kind);
	ml_diag_hint(d, "Write %s%s IF EXISTS %s.", kw, drop->concurrent ? " CONCURRENTLY" : "", names);
}

static void
check_alter_table(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__AlterTableStmt *at)
{
	const char *table = ml_name_range_var(chk->arena, at->relation);

	/* ALTER TYPE ... DROP ATTRIBUTE shares the node; it is not a table's column. */
	if (at->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE)
		return;

	for (size_t i = 0; i < at->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;
		const char *what, *kind, *name;
		struct ml_diag *d;

		if (cmd == NULL || cmd->missing_ok)
			continue;
		if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn &&
			!guarded(stmt, "undefined_column", "42703"))
		{
			what = "DROP COLUMN";
			kind = "column";
		}
		else if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint &&
				 !guarded(stmt, "undefined_object", "42704"))
		{
			what = "DROP CONSTRAINT";
			kind = "constraint";
		}
		else
			continue;
		name = ml_quote_ident(chk->arena, cmd->name);
		d = ml_report(chk, stmt, "ALTER TABLE %s %s %s is not idempotent", table, what, name);
		ml_diag_detail(d, "Running this migration a second time fails because the %s no longer "
						  "exists.",
					   kind);
		ml_diag_hint(d, "Write %s IF EXISTS %s.", what, name);
	}
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	if (stmt->node->node_case == PG_QUERY__NODE__NODE_DROP_STMT)
		check_drop(chk, stmt, stmt->node->drop_stmt);
	else if (stmt->node->node_case == PG_QUERY__NODE__NODE_ALTER_TABLE_STMT)
		check_alter_table(chk, stmt, stmt->node->alter_table_stmt);
}

const struct ml_rule ml_rule_require_if_exists = {
	.name = "require-if-exists",
	.category = ML_CATEGORY_IDEMPOTENCE,
	.severity = ML_SEVERITY_WARNING,
	.summary = "DROP that fails when the migration runs a second time",
	.why = "A migration must be safe to run again: after a partial failure, a restore, or when "
		   "two tools migrate one database. A bare DROP fails on the second run because the "
		   "object is already gone, and every later migration is blocked behind it.",
	.fix = "Write IF EXISTS: DROP TABLE IF EXISTS, DROP INDEX IF EXISTS, ..., and ALTER TABLE "
		   "... DROP COLUMN IF EXISTS / DROP CONSTRAINT IF EXISTS.",
	.bad = "ALTER TABLE \"posts\" DROP COLUMN \"legacy_slug\";\nDROP INDEX \"posts_slug_idx\";",
	.good = "ALTER TABLE \"posts\" DROP COLUMN IF EXISTS \"legacy_slug\";\n"
			"DROP INDEX IF EXISTS \"posts_slug_idx\";",
	.check_statement = check,
};
