/* SPDX-License-Identifier: MIT */
/*
 * enum_value_used_in_same_transaction.c
 *	  Flags a use of an enum value in the transaction whose ALTER TYPE ... ADD VALUE added it.
 *
 * PostgreSQL 12+ lets ALTER TYPE ... ADD VALUE run in a transaction block, but refuses the new
 * value until that transaction commits: "unsafe use of new value" (SQLSTATE 55P04).
 * drizzle-orm's migrator runs every pending migration in one transaction, so a value added in
 * one migration and used in the same or any later one fails on a fresh database (CI, a new
 * developer), where all of them are pending together. A use is a string literal PostgreSQL
 * converts to that enum, found in the tree: a cast to the type, the DEFAULT of a column of
 * the type, a comparison with such a column in a CHECK or in the WHERE of UPDATE / DELETE,
 * and a value INSERT or UPDATE assigns to such a column; DO blocks included. A text column
 * holding the same word is no use. Values listed by CREATE TYPE are usable at once; values
 * added to a type created in the same transaction are too from PostgreSQL 17 on (pgVersion).
 * A COMMIT (or ROLLBACK) between the two ends the transaction; transaction-nesting reports
 * the COMMIT itself.
 */
#include <string.h>

#include "miglint/rule.h"

/* What one statement's walk needs. */
struct walk
{
	struct ml_check *chk;
	const struct ml_stmt *stmt;
	enum ml_transaction runner; /* ml_check_transaction */
	struct ml_tx_pos now;
	const struct ml_cat_object *table; /* the table the statement writes or constrains */
	const char *alias;                 /* its name or alias, for qualified column references */
};

/*
 * True when the statements at 'a' and at the later 'b' run in one transaction: no COMMIT or
 * ROLLBACK between them, and both inside one BEGIN block or inside the runner's own
 * transaction (the run's first for ML_TRANSACTION_ALL, the file's first for
 * ML_TRANSACTION_PER_FILE).
 */
static bool
same_transaction(enum ml_transaction runner, const struct ml_tx_pos *a, const struct ml_tx_pos *b)
{
	if (a->epoch != b->epoch)
		return false;
	if (a->block && (a->migration == b->migration || runner == ML_TRANSACTION_ALL))
		return true;
	switch (runner)
	{
		case ML_TRANSACTION_ALL:
			return a->epoch == 0;
		case ML_TRANSACTION_PER_FILE:
			return a->migration == b->migration && a->file_first;
		case ML_TRANSACTION_NONE:
		case ML_TRANSACTION_DEFAULT: /* ml_check_transaction never gives it */
			break;
	}
	return false;
}

/*
 * True when the type of addition 'a' is always created in the transaction that adds the
 * value: in the same migration (an earlier one may be applied already, in another run).
 */
static bool
type_created_with(enum ml_transaction runner, const struct ml_enum_addition *a)
{
	return a->type_tx.migration == a->tx.migration && same_transaction(runner, &a->type_tx, &a->tx);
}

/* The ADD VALUE that makes value 'v' of 'type' unusable here, or NULL. */
static const struct ml_enum_addition *
unsafe_addition(const struct walk *w, const struct ml_cat_object *type, const char *v)
{
	const struct ml_enum_addition *a = ml_cat_enum_value_added(type, v);

	if (a == NULL || !same_transaction(w->runner, &a->tx, &w->now))
		return NULL;
	/* From PostgreSQL 17, values added to a type created in the same transaction are safe. */
	if (w->chk->config->pg_version >= 17 && type_created_with(w->runner, a))
		return NULL;
	return a;
}

/* Reports the use of 'v' at 'location'. */
static void
report(struct walk *w, const struct ml_cat_object *type, const char *v, int location,
	   const struct ml_enum_addition *a)
{
	struct ml_check *chk = w->chk;
	const char *here = chk->file->src->path;
	bool same_file = a->tx.migration == w->now.migration;
	bool block = a->tx.block && (w->runner != ML_TRANSACTION_ALL || a->tx.epoch > 0);
	const char *where, *why, *created = "";
	struct ml_diag *d;

	d = ml_report_at(chk, w->stmt, location,
					 "enum value \"%s\" of type %s is used in the transaction that adds it", v,
					 ml_name_display(chk->arena, ml_cat_object_schema(type),
									 ml_cat_object_name(type)));
	where = same_file ? ml_arena_printf(chk->arena,
										"ALTER TYPE ... ADD VALUE at line %u and this "
										"use",
										a->origin.line)
					  : ml_arena_printf(chk->arena,
										"ALTER TYPE ... ADD VALUE in %s:%u and this "
										"use in %s",
										a->origin.file, a->origin.line, here);
	if (block)
		why = "run inside one BEGIN ... COMMIT block";
	else if (ml_check_drizzle(chk))
		why = same_file ? "run in one transaction: drizzle-orm's migrator runs all pending "
						  "migrations in one transaction"
						: "run in one transaction when both are pending: drizzle-orm's migrator "
						  "runs all pending migrations in one transaction";
	else if (w->runner == ML_TRANSACTION_ALL)
		why = same_file ? "run in one transaction: the runner runs all pending migrations in "
						  "one (config \"transaction\": \"all\")"
						: "run in one transaction when both are pending: the runner runs all "
						  "pending migrations in one (config \"transaction\": \"all\")";
	else if (chk->config->transaction == ML_TRANSACTION_DEFAULT)
		why = "run in one transaction: runners of plain migration folders wrap each file in "
			  "one (set \"transaction\" in the config if this one does not)";
	else
		why = "run in one transaction: the runner wraps each migration in one (config "
			  "\"transaction\": \"per-file\")";
	if (type_created_with(w->runner, a))
		created = " Creating the type in the same transaction does not help before PostgreSQL "
				  "17.";
	ml_diag_detail(d,
				   "%s %s, and PostgreSQL refuses a new enum value before it is committed "
				   "(SQLSTATE 55P04).%s",
				   where, why, created);
	if (block)
		ml_diag_hint(d,
					 "COMMIT after the ALTER TYPE ... ADD VALUE, before the first statement "
					 "that uses \"%s\".",
					 v);
	else if (w->runner == ML_TRANSACTION_PER_FILE)
		ml_diag_hint(d,
					 "Move the statements that use \"%s\" to a later migration: the runner "
					 "commits between migrations.",
					 v);
	else
		ml_diag_hint(d,
					 "%s cannot commit between migrations, so splitting them only helps "
					 "databases that apply them in separate runs, never a fresh one. Keep "
					 "\"%s\" out of the migrations (set it from the application after the "
					 "deploy), or add it by recreating the type: CREATE TYPE with every value, "
					 "ALTER COLUMN ... TYPE ... USING the column::text cast to the new type, "
					 "DROP TYPE, RENAME; values CREATE TYPE lists are usable at once.",
					 ml_check_drizzle(chk) ? "drizzle-orm's migrator" : "The runner", v);
}

/* 'expr' converted to enum 'type': reports it when it is a string literal of a new value. */
static void
literal(struct walk *w, const struct ml_cat_object *type, const PgQuery__Node *expr)
{
	const PgQuery__AConst *c;
	const struct ml_enum_addition *a;

	if (type == NULL || expr == NULL || expr->node_case != PG_QUERY__NODE__NODE_A_CONST)
		return;
	c = expr->a_const;
	if (c->isnull || c->val_case != PG_QUERY__A__CONST__VAL_SVAL || c->sval == NULL)
		return;
	if ((a = unsafe_addition(w, type, c->sval->sval)) != NULL)
		report(w, type, c->sval->sval, c->location, a);
}

/* The type of column 'name' of the statement's table, when it is a catalog type. */
static const struct ml_cat_object *
column_type(const struct walk *w, const char *name)
{
	const struct ml_cat_column *col;

	if (w->table == NULL || name == NULL || (col = ml_cat_table_column(w->table, name)) == NULL)
		return NULL;
	return col->type_obj;
}

/* The type of the column a ColumnRef names (bare, or qualified by the table or its alias). */
static const struct ml_cat_object *
column_ref_type(const struct walk *w, const PgQuery__Node *n)
{
	const PgQuery__ColumnRef *cr;
	const PgQuery__Node *last;

	if (n == NULL || n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF)
		return NULL;
	cr = n->column_ref;
	if (cr->n_fields == 0 || cr->n_fields > 2 ||
		(last = cr->fields[cr->n_fields - 1])->node_case != PG_QUERY__NODE__NODE_STRING)
		return NULL;
	if (cr->n_fields == 2 &&
		(cr->fields[0]->node_case != PG_QUERY__NODE__NODE_STRING || w->alias == NULL ||
		 strcmp(cr->fields[0]->string->sval, w->alias) != 0))
		return NULL;
	return column_type(w, last->string->sval);
}

typedef bool (*visit_fn)(struct walk *w, const PgQuery__Node *n);

static void compared(struct walk *w, const struct ml_cat_object *type, const PgQuery__Node *other);

/*
 * Calls 'visit' on every Node below 'msg', parents first; a false return skips that node's
 * subtree. Goes through the protobuf descriptors, so no node kind is forgotten.
 */
static void
walk_message(struct walk *w, const ProtobufCMessage *msg, visit_fn visit)
{
	const ProtobufCMessageDescriptor *d = msg->descriptor;
	const char *base = (const char *) msg;

	if (d == &pg_query__node__descriptor)
	{
		const PgQuery__Node *n = (const PgQuery__Node *) msg;
		const ProtobufCFieldDescriptor *f;

		if (!visit(w, n))
			return;
		/* A Node holds the one message its case names (the case is that field's number). */
		f = protobuf_c_message_descriptor_get_field(d, (unsigned) n->node_case);
		if (f != NULL && f->type == PROTOBUF_C_TYPE_MESSAGE &&
			*(ProtobufCMessage *const *) (base + f->offset) != NULL)
			walk_message(w, *(ProtobufCMessage *const *) (base + f->offset), visit);
		return;
	}
	for (unsigned i = 0; i < d->n_fields; i++)
	{
		const ProtobufCFieldDescriptor *f = &d->fields[i];

		if (f->type != PROTOBUF_C_TYPE_MESSAGE)
			continue;
		if (f->label == PROTOBUF_C_LABEL_REPEATED)
		{
			size_t n = *(const size_t *) (base + f->quantifier_offset);
			ProtobufCMessage *const *items = *(ProtobufCMessage *const *const *) (base + f->offset);

			for (size_t k = 0; k < n; k++)
				if (items[k] != NULL)
					walk_message(w, items[k], visit);
			continue;
		}
		if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
			*(const uint32_t *) (base + f->quantifier_offset) != f->id)
			continue;
		if (*(ProtobufCMessage *const *) (base + f->offset) != NULL)
			walk_message(w, *(ProtobufCMessage *const *) (base + f->offset), visit);
	}
}

static void
walk_node(struct walk *w, const PgQuery__Node *n, visit_fn visit)
{
	if (n != NULL)
		walk_message(w, &n->base, visit);
}

/*
 * A cast of a string literal to an enum type, anywhere in a statement, or of an ARRAY[...] of
 * them to an array of the enum.
 */
static bool
visit_cast(struct walk *w, const PgQuery__Node *n)
{
	const PgQuery__TypeCast *tc;

	if (n->node_case != PG_QUERY__NODE__NODE_TYPE_CAST)
		return true;
	tc = n->type_cast;
	if (tc->type_name != NULL && tc->type_name->n_array_bounds == 1 && tc->arg != NULL &&
		tc->arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR)
	{
		PgQuery__TypeName element = *tc->type_name;

		element.n_array_bounds = 0;
		compared(w, ml_catalog_type_named(w->chk->catalog, &element), tc->arg);
	}
	else
		literal(w, ml_catalog_type_named(w->chk->catalog, tc->type_name), tc->arg);
	return true;
}

/* The literals on the other side of an enum column: x = 'v', x IN ('v', ...), = ANY (ARRAY[...]).
 */
static void
compared(struct walk *w, const struct ml_cat_object *type, const PgQuery__Node *other)
{
	if (type == NULL || other == NULL)
		return;
	if (other->node_case == PG_QUERY__NODE__NODE_LIST)
		for (size_t i = 0; i < other->list->n_items; i++)
			literal(w, type, other->list->items[i]);
	else if (other->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR)
		for (size_t i = 0; i < other->a_array_expr->n_elements; i++)
			literal(w, type, other->a_array_expr->elements[i]);
	else
		literal(w, type, other);
}

/*
 * A comparison of a column of the statement's table with literals, in a CHECK or a WHERE.
 * Subqueries are not entered: their columns belong to other tables.
 */
static bool
visit_condition(struct walk *w, const PgQuery__Node *n)
{
	const PgQuery__AExpr *e;

	if (n->node_case == PG_QUERY__NODE__NODE_SUB_LINK ||
		n->node_case == PG_QUERY__NODE__NODE_SELECT_STMT)
		return false;
	if (n->node_case != PG_QUERY__NODE__NODE_A_EXPR)
		return true;
	e = n->a_expr;
	switch (e->kind)
	{
		case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
		case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
		case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
		case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF:
			compared(w, column_ref_type(w, e->lexpr), e->rexpr);
			if (e->rexpr == NULL || e->rexpr->node_case != PG_QUERY__NODE__NODE_LIST)
				compared(w, column_ref_type(w, e->rexpr), e->lexpr);
			break;
		case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
		case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
		case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
		case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
		case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
		case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
		case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM:
			compared(w, column_ref_type(w, e->lexpr), e->rexpr);
			break;
		default:
			break;
	}
	return true;
}

/* A column definition (CREATE TABLE, ADD COLUMN): its DEFAULT and its CHECKs. */
static void
column_def(struct walk *w, const PgQuery__ColumnDef *cd)
{
	const struct ml_cat_object *type = column_type(w, cd->colname);

	for (size_t i = 0; i < cd->n_constraints; i++)
	{
		const PgQuery__Constraint *c = cd->constraints[i]->constraint;

		if (c == NULL)
			continue;
		if (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT)
			literal(w, type, c->raw_expr);
		else if (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
			walk_node(w, c->raw_expr, visit_condition);
	}
}

static void
table_constraint(struct walk *w, const PgQuery__Node *n)
{
	if (n != NULL && n->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
		n->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
		walk_node(w, n->constraint->raw_expr, visit_condition);
}

/* SET column = 'v' (UPDATE, ON CONFLICT DO UPDATE). */
static void
assignments(struct walk *w, PgQuery__Node *const *targets, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		const PgQuery__ResTarget *rt = targets[i]->node_case == PG_QUERY__NODE__NODE_RES_TARGET
										   ? targets[i]->res_target
										   : NULL;

		if (rt != NULL && rt->n_indirection == 0)
			literal(w, column_type(w, rt->name), rt->val);
	}
}

static void select_uses(struct walk *w, const PgQuery__Node *query);

/* INSERT: each VALUES row, or a plain SELECT's output, by position. */
static void
insert(struct walk *w, const PgQuery__InsertStmt *ins)
{
	const PgQuery__SelectStmt *sel;
	const struct ml_cat_column *cols = NULL;
	size_t n_cols = ml_cat_table_columns(w->table, &cols);

	if (ins->select_stmt != NULL &&
		ins->select_stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
		(sel = ins->select_stmt->select_stmt)->op == PG_QUERY__SET_OPERATION__SETOP_NONE)
	{
		for (size_t r = 0; r <= sel->n_values_lists; r++)
		{
			PgQuery__Node *const *vals;
			size_t n;

			if (r < sel->n_values_lists)
			{
				if (sel->values_lists[r]->node_case != PG_QUERY__NODE__NODE_LIST)
					continue;
				vals = sel->values_lists[r]->list->items;
				n = sel->values_lists[r]->list->n_items;
			}
			else if (sel->n_values_lists == 0)
			{
				vals = sel->target_list;
				n = sel->n_target_list;
			}
			else
				break;
			for (size_t i = 0; i < n; i++)
			{
				const PgQuery__Node *v = vals[i];
				const struct ml_cat_object *type = NULL;

				if (v->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
					v = v->res_target->val;
				if (ins->n_cols > 0)
				{
					const PgQuery__ResTarget *c =
						i < ins->n_cols &&
								ins->cols[i]->node_case == PG_QUERY__NODE__NODE_RES_TARGET
							? ins->cols[i]->res_target
							: NULL;

					if (c != NULL && c->n_indirection == 0)
						type = column_type(w, c->name);
				}
				else if (i < n_cols && ml_catalog_exact(w->chk->catalog))
					type = cols[i].type_obj;
				literal(w, type, v);
			}
		}
	}
	if (ins->on_conflict_clause != NULL)
	{
		assignments(w, ins->on_conflict_clause->target_list,
					ins->on_conflict_clause->n_target_list);
		walk_node(w, ins->on_conflict_clause->where_clause, visit_condition);
	}
	/* Last: it points the walk at the table the SELECT reads. */
	select_uses(w, ins->select_stmt);
}

/* Points the walk at the table 'rv' names (and its alias). False when it is unknown. */
static bool
set_table(struct walk *w, const PgQuery__RangeVar *rv)
{
	if (rv == NULL)
		return false;
	w->table =
		ml_catalog_find(w->chk->catalog, ML_OBJ_TABLE,
						rv->schemaname && rv->schemaname[0] ? rv->schemaname : NULL, rv->relname);
	w->alias =
		rv->alias != NULL && rv->alias->aliasname != NULL ? rv->alias->aliasname : rv->relname;
	return w->table != NULL;
}

/*
 * The WHERE of a query that reads one table (a SELECT, a view's or a materialized view's
 * query, INSERT ... SELECT): comparisons of that table's enum columns with the new value.
 */
static void
select_uses(struct walk *w, const PgQuery__Node *query)
{
	const PgQuery__SelectStmt *sel;

	if (query == NULL || query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
		return;
	sel = query->select_stmt;
	if (sel->n_from_clause == 1 &&
		sel->from_clause[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR &&
		set_table(w, sel->from_clause[0]->range_var))
		walk_node(w, sel->where_clause, visit_condition);
}

/* The uses that depend on a table's column types. */
static void
table_uses(struct walk *w, const PgQuery__Node *node)
{
	switch (node->node_case)
	{
		case PG_QUERY__NODE__NODE_SELECT_STMT:
			select_uses(w, node);
			break;
		case PG_QUERY__NODE__NODE_VIEW_STMT:
			select_uses(w, node->view_stmt->query);
			break;
		case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
			select_uses(w, node->create_table_as_stmt->query);
			break;
		case PG_QUERY__NODE__NODE_INDEX_STMT:
			/* A partial index's predicate converts its literals to the column's type. */
			if (set_table(w, node->index_stmt->relation))
				walk_node(w, node->index_stmt->where_clause, visit_condition);
			break;
		case PG_QUERY__NODE__NODE_CREATE_STMT:
		{
			const PgQuery__CreateStmt *cs = node->create_stmt;

			if (!set_table(w, cs->relation))
				return;
			for (size_t i = 0; i < cs->n_table_elts; i++)
				if (cs->table_elts[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
					column_def(w, cs->table_elts[i]->column_def);
				else
					table_constraint(w, cs->table_elts[i]);
			break;
		}
		case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		{
			const PgQuery__AlterTableStmt *at = node->alter_table_stmt;

			if (!set_table(w, at->relation))
				return;
			for (size_t i = 0; i < at->n_cmds; i++)
			{
				const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;

				if (cmd == NULL || cmd->def == NULL)
					continue;
				if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn &&
					cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
					column_def(w, cmd->def->column_def);
				else if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault)
					literal(w, column_type(w, cmd->name), cmd->def);
				else if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint)
					table_constraint(w, cmd->def);
			}
			break;
		}
		case PG_QUERY__NODE__NODE_INSERT_STMT:
			if (set_table(w, node->insert_stmt->relation))
				insert(w, node->insert_stmt);
			break;
		case PG_QUERY__NODE__NODE_UPDATE_STMT:
			if (!set_table(w, node->update_stmt->relation))
				return;
			assignments(w, node->update_stmt->target_list, node->update_stmt->n_target_list);
			walk_node(w, node->update_stmt->where_clause, visit_condition);
			break;
		case PG_QUERY__NODE__NODE_DELETE_STMT:
			if (set_table(w, node->delete_stmt->relation))
				walk_node(w, node->delete_stmt->where_clause, visit_condition);
			break;
		default:
			break;
	}
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct walk w = {0};
	const struct ml_enum_addition *last;

	if (chk->catalog == NULL || (last = ml_catalog_last_enum_addition(chk->catalog)) == NULL)
		return;
	w.chk = chk;
	w.stmt = stmt;
	w.runner = ml_check_transaction(chk);
	w.now = ml_catalog_tx_now(chk->catalog);
	/* Every earlier addition is at least as far back: none can be in this transaction. */
	if (!same_transaction(w.runner, &last->tx, &w.now) ||
		stmt->node->node_case == PG_QUERY__NODE__NODE_ALTER_ENUM_STMT)
		return;
	walk_node(&w, stmt->node, visit_cast);
	table_uses(&w, stmt->node);
}

const struct ml_rule ml_rule_enum_value_used_in_same_transaction = {
	.name = "enum-value-used-in-same-transaction",
	.category = ML_CATEGORY_TRANSACTION,
	.severity = ML_SEVERITY_ERROR,
	.summary = "an enum value used in the transaction whose ALTER TYPE ... ADD VALUE added it",
	.why = "PostgreSQL refuses a value added by ALTER TYPE ... ADD VALUE until its transaction "
		   "commits (SQLSTATE 55P04). drizzle-orm runs all pending migrations in one "
		   "transaction, so a value added in one migration and used as a default, in a CHECK, "
		   "a cast, an INSERT, an UPDATE or a WHERE in the same or a later migration fails on a "
		   "fresh database, where every migration is pending.",
	.fix = "Keep the new value out of the migrations (set it from the application after the "
		   "deploy), or add it by recreating the type (CREATE TYPE with every value, ALTER "
		   "COLUMN ... TYPE ... USING, DROP TYPE, RENAME), whose values are usable at once. "
		   "Where the runner commits between files or the migration has its own BEGIN ... "
		   "COMMIT, commit before the first use.",
	.bad = "ALTER TYPE \"status\" ADD VALUE 'archived';\n-- the same or a later pending "
		   "migration:\nALTER TABLE \"posts\" ALTER COLUMN \"status\" SET DEFAULT 'archived';",
	.good = "ALTER TYPE \"status\" ADD VALUE 'archived';\n-- the application writes 'archived' "
			"once the migration is deployed",
	.check_statement = check,
};
