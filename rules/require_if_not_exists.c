/* SPDX-License-Identifier: MIT */
/*
 * require_if_not_exists.c
 *	  Flags CREATE and ADD statements that fail, or duplicate, when a migration runs twice.
 *
 * A migration that was half applied by hand, restored from a dump, or run by two tools on one
 * database runs again; a bare CREATE then fails and blocks every migration after it.
 * CREATE TABLE / INDEX / SCHEMA / SEQUENCE / EXTENSION / MATERIALIZED VIEW and ADD COLUMN take
 * IF NOT EXISTS; CREATE VIEW / FUNCTION / PROCEDURE / TRIGGER take OR REPLACE. CREATE TYPE and
 * ADD CONSTRAINT have neither: they are idempotent only inside
 * DO $$ BEGIN ... EXCEPTION WHEN <condition> THEN null; END $$; where the condition is the
 * one PostgreSQL raises on the second run (checked on PostgreSQL 15: duplicate_object for
 * types, foreign keys and checks; duplicate_table for UNIQUE and EXCLUDE, whose index name
 * clashes; invalid_table_definition for a second PRIMARY KEY). A statement inside a DO block
 * whose handlers catch that condition (or OTHERS) is guarded and not flagged; one whose
 * handlers catch something else is, with the condition to catch. Temporary objects vanish
 * with the session and are exempt.
 */
#include "miglint/rule.h"

/* A statement inside a DO block whose handlers catch what a second run raises is fine. */
static bool
guarded(const struct ml_stmt *stmt, const char *condition, const char *sqlstate)
{
	return stmt->in_do && ml_stmt_guarded(stmt, condition, sqlstate);
}

static void
bare_create(struct ml_check *chk, const struct ml_stmt *stmt, const char *what,
			const char *name, const char *kind, const char *fixed)
{
	struct ml_diag *d = ml_report(chk, stmt, "%s %s is not idempotent", what, name);

	ml_diag_detail(d, "Running this migration a second time fails because the %s already exists.",
				   kind);
	ml_diag_hint(d, "Write %s %s.", fixed, name);
}

/* The guard for a statement PostgreSQL cannot make conditional. */
static void
guard_hint(struct ml_diag *d, const struct ml_stmt *stmt, const char *condition)
{
	if (stmt->in_do)
		ml_diag_hint(d, "Catch what a second run raises: add EXCEPTION WHEN %s THEN null; to "
						"the block around it.",
					 condition);
	else
		ml_diag_hint(d,
					 "Wrap the statement in DO $$ BEGIN ... EXCEPTION WHEN %s THEN null; END $$; "
					 "so that a second run skips it.",
					 condition);
}

static void
check_create_table(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__CreateStmt *cs)
{
	if (cs->if_not_exists || cs->relation == NULL || cs->relation->relpersistence[0] == 't' ||
		guarded(stmt, "duplicate_table", "42P07"))
		return;
	bare_create(chk, stmt, "CREATE TABLE", ml_name_range_var(chk->arena, cs->relation), "table",
				"CREATE TABLE IF NOT EXISTS");
}

static void
check_index(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__IndexStmt *ix)
{
	const char *what = ix->unique ? (ix->concurrent ? "CREATE UNIQUE INDEX CONCURRENTLY"
												   : "CREATE UNIQUE INDEX")
								  : (ix->concurrent ? "CREATE INDEX CONCURRENTLY" : "CREATE INDEX");
	const char *table = ml_name_range_var(chk->arena, ix->relation);
	struct ml_diag *d;

	if (ix->if_not_exists || guarded(stmt, "duplicate_table", "42P07"))
		return;
	if (ix->idxname == NULL || ix->idxname[0] == '\0')
	{
		d = ml_report(chk, stmt, "%s on table %s is not idempotent", what, table);
		ml_diag_detail(d, "The index has no name, so running this migration a second time builds "
						  "a second, identical index.");
		ml_diag_hint(d, "Name the index and write %s IF NOT EXISTS <name> ON %s.", what, table);
		return;
	}
	d = ml_report(chk, stmt, "%s %s is not idempotent", what,
				  ml_quote_ident(chk->arena, ix->idxname));
	ml_diag_detail(d, "Running this migration a second time fails because the index already exists.");
	ml_diag_hint(d, "Write %s IF NOT EXISTS %s.", what, ml_quote_ident(chk->arena, ix->idxname));
}

static void
check_table_as(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__CreateTableAsStmt *ct)
{
	bool matview = ct->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;

	if (ct->if_not_exists || ct->is_select_into || ct->into == NULL || ct->into->rel == NULL ||
		ct->into->rel->relpersistence[0] == 't' || guarded(stmt, "duplicate_table", "42P07"))
		return;
	if (matview)
		bare_create(chk, stmt, "CREATE MATERIALIZED VIEW",
					ml_name_range_var(chk->arena, ct->into->rel), "materialized view",
					"CREATE MATERIALIZED VIEW IF NOT EXISTS");
	else
		bare_create(chk, stmt, "CREATE TABLE", ml_name_range_var(chk->arena, ct->into->rel),
					"table", "CREATE TABLE IF NOT EXISTS");
}

/* ADD COLUMN and ADD CONSTRAINT inside one ALTER TABLE. */
static void
check_alter_table(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__AlterTableStmt *at)
{
	const char *table = ml_name_range_var(chk->arena, at->relation);

	/* ALTER TYPE ... ADD ATTRIBUTE shares the node but has no IF NOT EXISTS to ask for. */
	if (at->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE)
		return;

	for (size_t i = 0; i < at->n_cmds; i++)
	{
		const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;
		struct ml_diag *d;

		if (cmd == NULL || cmd->def == NULL)
			continue;
		if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn && !cmd->missing_ok &&
			cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF &&
			!guarded(stmt, "duplicate_column", "42701"))
		{
			const PgQuery__ColumnDef *col = cmd->def->column_def;
			const char *cname = ml_quote_ident(chk->arena, col->colname);
			long loc = ml_stmt_location(stmt, col->location);
			size_t s, e;

			if (loc >= 0)
			{
				ml_span_with_keywords_before(chk, stmt, (size_t) loc, &s, &e);
				d = ml_report_span(chk, s, e, "ALTER TABLE %s ADD COLUMN %s is not idempotent",
								   table, cname);
			}
			else
				d = ml_report(chk, stmt, "ALTER TABLE %s ADD COLUMN %s is not idempotent", table,
							  cname);
			ml_diag_detail(d, "Running this migration a second time fails because the column "
							  "already exists.");
			ml_diag_hint(d, "Write ADD COLUMN IF NOT EXISTS %s.", cname);
		}
		else if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint &&
				 cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
		{
			const PgQuery__Constraint *con = cmd->def->constraint;
			bool named = con->conname != NULL && con->conname[0] != '\0';
			long loc = ml_stmt_location(stmt, con->location);
			size_t s = stmt->start, e = stmt->start;
			const char *name = named ? ml_quote_ident(chk->arena, con->conname) : NULL;
			bool index_backed;

			if (loc >= 0)
				ml_span_with_keywords_before(chk, stmt, (size_t) loc, &s, &e);
			if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY)
			{
				if (guarded(stmt, "invalid_table_definition", "42P16"))
					continue;
				if (named)
					d = ml_report_span(chk, s, e,
									   "ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY is not idempotent",
									   table, name);
				else
					d = ml_report_span(chk, s, e, "ALTER TABLE %s ADD PRIMARY KEY is not idempotent",
									   table);
				ml_diag_detail(d, "Running this migration a second time fails because the table "
								  "already has a primary key, and PostgreSQL has no ADD "
								  "CONSTRAINT IF NOT EXISTS.");
				guard_hint(d, stmt, "invalid_table_definition");
				continue;
			}
			if (!named)
			{
				d = ml_report_span(chk, s, e, "ALTER TABLE %s adds an unnamed constraint", table);
				ml_diag_detail(d, "Running this migration a second time adds a second copy of "
								  "the constraint, because it has no name to clash with.");
				ml_diag_hint(d, "Name the constraint (ADD CONSTRAINT <name> ...) and wrap the "
								"statement in DO $$ BEGIN ... EXCEPTION WHEN duplicate_object "
								"THEN null; END $$;.");
				continue;
			}
			/* UNIQUE and EXCLUDE clash on their index's name first. */
			index_backed = con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ||
						   con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION;
			if (index_backed ? guarded(stmt, "duplicate_table", "42P07")
							 : guarded(stmt, "duplicate_object", "42710"))
				continue;
			d = ml_report_span(chk, s, e, "ALTER TABLE %s ADD CONSTRAINT %s is not idempotent",
							   table, name);
			ml_diag_detail(d, "Running this migration a second time fails because the constraint "
							  "already exists, and PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS.");
			guard_hint(d, stmt, index_backed ? "duplicate_table" : "duplicate_object");
		}
	}
}

static void
bare_type(struct ml_check *chk, const struct ml_stmt *stmt, const char *name)
{
	struct ml_diag *d;

	if (guarded(stmt, "duplicate_object", "42710"))
		return;
	d = ml_report(chk, stmt, "CREATE TYPE %s is not idempotent", name);

	ml_diag_detail(d, "Running this migration a second time fails because the type already "
					  "exists, and PostgreSQL has no CREATE TYPE IF NOT EXISTS.");
	guard_hint(d, stmt, "duplicate_object");
}

static void
check_trigger(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__CreateTrigStmt *tr)
{
	const char *name = ml_quote_ident(chk->arena, tr->trigname);
	const char *table = ml_name_range_var(chk->arena, tr->relation);
	struct ml_diag *d;

	if (tr->replace || guarded(stmt, "duplicate_object", "42710"))
		return;
	d = ml_report(chk, stmt, "CREATE %sTRIGGER %s on table %s is not idempotent",
				  tr->isconstraint ? "CONSTRAINT " : "", name, table);
	ml_diag_detail(d, "Running this migration a second time fails because the trigger already exists.");
	if (tr->isconstraint)
		ml_diag_hint(d, "Write DROP TRIGGER IF EXISTS %s ON %s; before it (a constraint trigger "
						"cannot be created with OR REPLACE).",
					 name, table);
	else
		ml_diag_hint(d, "Write CREATE OR REPLACE TRIGGER %s (PostgreSQL 14 or later), or DROP "
						"TRIGGER IF EXISTS %s ON %s; before it.",
					 name, name, table);
}

static void
check_function(struct ml_check *chk, const struct ml_stmt *stmt,
			   const PgQuery__CreateFunctionStmt *fn)
{
	const char *what = fn->is_procedure ? "PROCEDURE" : "FUNCTION";
	const char *name = ml_name_list(chk->arena, fn->funcname, fn->n_funcname);
	struct ml_diag *d;

	if (fn->replace || guarded(stmt, "duplicate_function", "42723"))
		return;
	d = ml_report(chk, stmt, "CREATE %s %s is not idempotent", what, name);
	ml_diag_detail(d, "Running this migration a second time fails because a %s with the same "
					  "argument types already exists.",
				   fn->is_procedure ? "procedure" : "function");
	ml_diag_hint(d, "Write CREATE OR REPLACE %s %s.", what, name);
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__Node *n = stmt->node;

	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_CREATE_STMT:
			check_create_table(chk, stmt, n->create_stmt);
			break;
		case PG_QUERY__NODE__NODE_INDEX_STMT:
			check_index(chk, stmt, n->index_stmt);
			break;
		case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
			if (!n->create_schema_stmt->if_not_exists && n->create_schema_stmt->schemaname[0] &&
				!guarded(stmt, "duplicate_schema", "42P06"))
			{
				const char *name = ml_quote_ident(chk->arena, n->create_schema_stmt->schemaname);

				if (n->create_schema_stmt->n_schema_elts == 0)
					bare_create(chk, stmt, "CREATE SCHEMA", name, "schema",
								"CREATE SCHEMA IF NOT EXISTS");
				else
				{
					struct ml_diag *d = ml_report(chk, stmt, "CREATE SCHEMA %s is not idempotent", name);

					ml_diag_detail(d, "Running this migration a second time fails because the "
									  "schema already exists, and PostgreSQL refuses IF NOT EXISTS "
									  "when the statement creates objects in it too.");
					ml_diag_hint(d, "Write CREATE SCHEMA IF NOT EXISTS %s; and create its objects in "
									"statements of their own.",
								 name);
				}
			}
			break;
		case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
			if (!n->create_seq_stmt->if_not_exists && n->create_seq_stmt->sequence != NULL &&
				n->create_seq_stmt->sequence->relpersistence[0] != 't' &&
				!guarded(stmt, "duplicate_table", "42P07"))
				bare_create(chk, stmt, "CREATE SEQUENCE",
							ml_name_range_var(chk->arena, n->create_seq_stmt->sequence),
							"sequence", "CREATE SEQUENCE IF NOT EXISTS");
			break;
		case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
			if (!n->create_extension_stmt->if_not_exists &&
				!guarded(stmt, "duplicate_object", "42710"))
				bare_create(chk, stmt, "CREATE EXTENSION",
							ml_quote_ident(chk->arena, n->create_extension_stmt->extname),
							"extension", "CREATE EXTENSION IF NOT EXISTS");
			break;
		case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
			check_table_as(chk, stmt, n->create_table_as_stmt);
			break;
		case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
			check_alter_table(chk, stmt, n->alter_table_stmt);
			break;
		case PG_QUERY__NODE__NODE_VIEW_STMT:
			if (!n->view_stmt->replace && n->view_stmt->view != NULL &&
				n->view_stmt->view->relpersistence[0] != 't' &&
				!guarded(stmt, "duplicate_table", "42P07"))
				bare_create(chk, stmt, "CREATE VIEW",
							ml_name_range_var(chk->arena, n->view_stmt->view), "view",
							"CREATE OR REPLACE VIEW");
			break;
		case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
			check_function(chk, stmt, n->create_function_stmt);
			break;
		case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
			check_trigger(chk, stmt, n->create_trig_stmt);
			break;
		case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
			bare_type(chk, stmt, ml_name_list(chk->arena, n->create_enum_stmt->type_name,
											  n->create_enum_stmt->n_type_name));
			break;
		case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
			bare_type(chk, stmt, ml_name_list(chk->arena, n->create_range_stmt->type_name,
											  n->create_range_stmt->n_type_name));
			break;
		case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
			bare_type(chk, stmt, ml_name_range_var(chk->arena, n->composite_type_stmt->typevar));
			break;
		case PG_QUERY__NODE__NODE_DEFINE_STMT:
			if (n->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE &&
				!n->define_stmt->if_not_exists)
				bare_type(chk, stmt, ml_name_list(chk->arena, n->define_stmt->defnames,
												  n->define_stmt->n_defnames));
			break;
		default:
			break;
	}
}

const struct ml_rule ml_rule_require_if_not_exists = {
	.name = "require-if-not-exists",
	.category = ML_CATEGORY_IDEMPOTENCE,
	.severity = ML_SEVERITY_WARNING,
	.summary = "CREATE or ADD that fails when the migration runs a second time",
	.why = "A migration must be safe to run again: after a partial failure, a restore, or when "
		   "two tools migrate one database. A bare CREATE TABLE, CREATE INDEX or ADD COLUMN "
		   "fails on the second run because the object already exists, and every later "
		   "migration is blocked behind it. drizzle-kit never writes IF NOT EXISTS.",
	.fix = "Write IF NOT EXISTS (CREATE TABLE / INDEX / SCHEMA / SEQUENCE / EXTENSION / "
		   "MATERIALIZED VIEW, ADD COLUMN) or OR REPLACE (CREATE VIEW / FUNCTION / PROCEDURE / "
		   "TRIGGER). CREATE TYPE and ADD CONSTRAINT have no such clause: wrap them in "
		   "DO $$ BEGIN ... EXCEPTION WHEN duplicate_object THEN null; END $$; (UNIQUE and "
		   "EXCLUDE constraints raise duplicate_table, a second PRIMARY KEY raises "
		   "invalid_table_definition).",
	.bad = "CREATE TABLE \"users\" (\"id\" serial PRIMARY KEY);\n"
		   "CREATE INDEX \"users_email_idx\" ON \"users\" (\"email\");\n"
		   "CREATE TYPE \"role\" AS ENUM ('admin', 'member');",
	.good = "CREATE TABLE IF NOT EXISTS \"users\" (\"id\" serial PRIMARY KEY);\n"
			"CREATE INDEX IF NOT EXISTS \"users_email_idx\" ON \"users\" (\"email\");\n"
			"DO $$ BEGIN\n"
			"  CREATE TYPE \"role\" AS ENUM ('admin', 'member');\n"
			"EXCEPTION WHEN duplicate_object THEN null;\n"
			"END $$;",
	.check_statement = check,
};
