/* SPDX-License-Identifier: MIT */
/*
 * ban_duplicate_column_assignments.c
 *	  Flags a column assigned, listed or defined twice in one statement.
 *
 * PostgreSQL refuses UPDATE ... SET a = 1, a = 2 ("multiple assignments to same column"),
 * INSERT INTO t (a, a) and CREATE TABLE t (a int, a text) ("column specified more than
 * once"), and so do ON CONFLICT DO UPDATE, MERGE, a view's or CREATE TABLE AS's column list
 * and a view whose SELECT names two columns alike. The migration then fails at this
 * statement. Assignments that all go to parts of the column (a[1] = x, a[2] = y, or fields
 * of a composite) are allowed and are not flagged. Data-modifying WITH queries are searched
 * too. SELECT columns are compared only where their name is certain (an alias or a column
 * reference); the name PostgreSQL makes up for an expression is not guessed.
 */
#include <string.h>

#include "miglint/rule.h"

static void check_node(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__Node *n);

/* What kind of list is checked: it decides the words of the finding. */
enum list_kind
{
	ASSIGNMENTS, /* UPDATE SET, ON CONFLICT DO UPDATE SET, MERGE ... UPDATE SET */
	INSERT_COLUMNS,
	DEFINITIONS, /* CREATE TABLE columns, view and CREATE TABLE AS column lists */
};

/* One entry of a list: its name, whether it assigns only a part, and where it is. */
struct entry
{
	const char *name;
	bool partial;
	int location;
};

static void
report(struct ml_check *chk, const struct ml_stmt *stmt, enum list_kind kind, const char *owner,
	   const struct entry *e)
{
	const char *col = ml_quote_ident(chk->arena, e->name);
	struct ml_diag *d;

	switch (kind)
	{
		case ASSIGNMENTS:
			d = ml_report_at(chk, stmt, e->location, "column %s of %s is assigned more than once",
							 col, owner);
			ml_diag_detail(d, "PostgreSQL refuses the statement (multiple assignments to same "
							  "column %s), so the migration fails here.",
						   col);
			ml_diag_hint(d, "Keep one assignment to %s.", col);
			break;
		case INSERT_COLUMNS:
			d = ml_report_at(chk, stmt, e->location, "column %s of %s is listed more than once",
							 col, owner);
			ml_diag_detail(d, "PostgreSQL refuses the statement (column %s specified more than "
							  "once), so the migration fails here.",
						   col);
			ml_diag_hint(d, "List %s once, with one value.", col);
			break;
		case DEFINITIONS:
			d = ml_report_at(chk, stmt, e->location, "column %s of %s is defined more than once",
							 col, owner);
			ml_diag_detail(d, "PostgreSQL refuses the statement (column %s specified more than "
							  "once), so the migration fails here.",
						   col);
			ml_diag_hint(d, "Rename or remove one of the columns named %s.", col);
			break;
	}
}

/*
 * Reports each entry whose name came earlier in the list, unless every entry of that name
 * assigns only a part of the column.
 */
static void
check_entries(struct ml_check *chk, const struct ml_stmt *stmt, enum list_kind kind,
			  const char *owner, const struct entry *e, size_t n)
{
	for (size_t i = 1; i < n; i++)
	{
		bool earlier = false, all_partial = true;

		if (e[i].name == NULL)
			continue;
		for (size_t j = 0; j < n; j++)
			if (e[j].name != NULL && strcmp(e[j].name, e[i].name) == 0)
			{
				earlier = earlier || j < i;
				all_partial = all_partial && e[j].partial;
			}
		if (earlier && !all_partial)
			report(chk, stmt, kind, owner, &e[i]);
	}
}

/* A list of ResTarget nodes (SET items or INSERT columns). */
static void
check_targets(struct ml_check *chk, const struct ml_stmt *stmt, enum list_kind kind,
			  const char *owner, PgQuery__Node *const *items, size_t n)
{
	struct entry *e = ml_arena_alloc(chk->arena, (n + 1) * sizeof(*e));

	for (size_t i = 0; i < n; i++)
	{
		const PgQuery__ResTarget *rt =
			items[i]->node_case == PG_QUERY__NODE__NODE_RES_TARGET ? items[i]->res_target : NULL;

		e[i].name = rt != NULL && rt->name != NULL && rt->name[0] != '\0' ? rt->name : NULL;
		e[i].partial = rt != NULL && rt->n_indirection > 0;
		e[i].location = rt != NULL ? rt->location : -1;
	}
	check_entries(chk, stmt, kind, owner, e, n);
}

/* A list of String nodes (a view's or CREATE TABLE AS's column names): no positions. */
static void
check_names(struct ml_check *chk, const struct ml_stmt *stmt, const char *owner,
			PgQuery__Node *const *items, size_t n)
{
	struct entry *e = ml_arena_alloc(chk->arena, (n + 1) * sizeof(*e));

	for (size_t i = 0; i < n; i++)
	{
		e[i].name = items[i]->node_case == PG_QUERY__NODE__NODE_STRING ? items[i]->string->sval
																		 : NULL;
		e[i].partial = false;
		e[i].location = -1;
	}
	check_entries(chk, stmt, DEFINITIONS, owner, e, n);
}

/* The output columns of a SELECT whose names are certain: an alias or a column reference. */
static void
check_select_names(struct ml_check *chk, const struct ml_stmt *stmt, const char *owner,
				   const PgQuery__Node *query)
{
	const PgQuery__SelectStmt *sel;
	struct entry *e;

	if (query == NULL || query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
		return;
	sel = query->select_stmt;
	while (sel->larg != NULL) /* a UNION's columns are named by its first SELECT */
		sel = sel->larg;
	e = ml_arena_alloc(chk->arena, (sel->n_target_list + 1) * sizeof(*e));
	for (size_t i = 0; i < sel->n_target_list; i++)
	{
		const PgQuery__ResTarget *rt = sel->target_list[i]->node_case ==
											   PG_QUERY__NODE__NODE_RES_TARGET
										   ? sel->target_list[i]->res_target
										   : NULL;
		const PgQuery__Node *last = NULL;

		e[i].name = NULL;
		e[i].partial = false;
		e[i].location = rt != NULL ? rt->location : -1;
		if (rt == NULL)
			continue;
		if (rt->name != NULL && rt->name[0] != '\0')
		{
			e[i].name = rt->name;
			continue;
		}
		if (rt->val != NULL && rt->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
			rt->val->column_ref->n_fields > 0)
			last = rt->val->column_ref->fields[rt->val->column_ref->n_fields - 1];
		if (last != NULL && last->node_case == PG_QUERY__NODE__NODE_STRING)
			e[i].name = last->string->sval;
	}
	check_entries(chk, stmt, DEFINITIONS, owner, e, sel->n_target_list);
}

/* The queries of a WITH clause (a data-modifying one can hide an UPDATE). */
static void
check_with(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__WithClause *with)
{
	if (with == NULL)
		return;
	for (size_t i = 0; i < with->n_ctes; i++)
		if (with->ctes[i]->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR)
			check_node(chk, stmt, with->ctes[i]->common_table_expr->ctequery);
}

static void
check_node(struct ml_check *chk, const struct ml_stmt *stmt, const PgQuery__Node *n)
{
	if (n == NULL)
		return;
	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_UPDATE_STMT:
		{
			const PgQuery__UpdateStmt *u = n->update_stmt;
			const char *t = ml_arena_printf(chk->arena, "table %s",
											ml_name_range_var(chk->arena, u->relation));

			check_with(chk, stmt, u->with_clause);
			check_targets(chk, stmt, ASSIGNMENTS, t, u->target_list, u->n_target_list);
			break;
		}
		case PG_QUERY__NODE__NODE_INSERT_STMT:
		{
			const PgQuery__InsertStmt *ins = n->insert_stmt;
			const char *t = ml_arena_printf(chk->arena, "table %s",
											ml_name_range_var(chk->arena, ins->relation));

			check_with(chk, stmt, ins->with_clause);
			check_targets(chk, stmt, INSERT_COLUMNS, t, ins->cols, ins->n_cols);
			if (ins->on_conflict_clause != NULL)
				check_targets(chk, stmt, ASSIGNMENTS, t, ins->on_conflict_clause->target_list,
							  ins->on_conflict_clause->n_target_list);
			check_node(chk, stmt, ins->select_stmt);
			break;
		}
		case PG_QUERY__NODE__NODE_DELETE_STMT:
			check_with(chk, stmt, n->delete_stmt->with_clause);
			break;
		case PG_QUERY__NODE__NODE_SELECT_STMT:
			check_with(chk, stmt, n->select_stmt->with_clause);
			break;
		case PG_QUERY__NODE__NODE_MERGE_STMT:
		{
			const PgQuery__MergeStmt *m = n->merge_stmt;
			const char *t = ml_arena_printf(chk->arena, "table %s",
											ml_name_range_var(chk->arena, m->relation));

			check_with(chk, stmt, m->with_clause);
			for (size_t i = 0; i < m->n_merge_when_clauses; i++)
			{
				const PgQuery__MergeWhenClause *w =
					m->merge_when_clauses[i]->node_case == PG_QUERY__NODE__NODE_MERGE_WHEN_CLAUSE
						? m->merge_when_clauses[i]->merge_when_clause
						: NULL;

				if (w != NULL)
					check_targets(chk, stmt,
								  w->command_type == PG_QUERY__CMD_TYPE__CMD_INSERT
									  ? INSERT_COLUMNS
									  : ASSIGNMENTS,
								  t, w->target_list, w->n_target_list);
			}
			break;
		}
		case PG_QUERY__NODE__NODE_CREATE_STMT:
		{
			const PgQuery__CreateStmt *cs = n->create_stmt;
			const char *t = ml_arena_printf(chk->arena, "table %s",
											ml_name_range_var(chk->arena, cs->relation));
			struct entry *e = ml_arena_alloc(chk->arena, (cs->n_table_elts + 1) * sizeof(*e));

			for (size_t i = 0; i < cs->n_table_elts; i++)
			{
				const PgQuery__ColumnDef *cd =
					cs->table_elts[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF
						? cs->table_elts[i]->column_def
						: NULL;

				e[i].name = cd != NULL && cd->colname != NULL ? cd->colname : NULL;
				e[i].partial = false;
				e[i].location = cd != NULL ? cd->location : -1;
			}
			check_entries(chk, stmt, DEFINITIONS, t, e, cs->n_table_elts);
			break;
		}
		case PG_QUERY__NODE__NODE_VIEW_STMT:
		{
			const PgQuery__ViewStmt *v = n->view_stmt;
			const char *t = ml_arena_printf(chk->arena, "view %s",
											ml_name_range_var(chk->arena, v->view));

			if (v->n_aliases > 0)
				check_names(chk, stmt, t, v->aliases, v->n_aliases);
			else
				check_select_names(chk, stmt, t, v->query);
			break;
		}
		case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		{
			const PgQuery__CreateTableAsStmt *ct = n->create_table_as_stmt;
			const char *t;

			if (ct->into == NULL || ct->into->rel == NULL)
				break;
			t = ml_arena_printf(chk->arena, "%s %s",
								ct->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW
									? "materialized view"
									: "table",
								ml_name_range_var(chk->arena, ct->into->rel));
			if (ct->into->n_col_names > 0)
				check_names(chk, stmt, t, ct->into->col_names, ct->into->n_col_names);
			else
				check_select_names(chk, stmt, t, ct->query);
			break;
		}
		default:
			break;
	}
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	check_node(chk, stmt, stmt->node);
}

const struct ml_rule ml_rule_ban_duplicate_column_assignments = {
	.name = "ban-duplicate-column-assignments",
	.category = ML_CATEGORY_SYNTAX,
	.severity = ML_SEVERITY_ERROR,
	.summary = "a column assigned, listed or defined twice in one statement",
	.why = "PostgreSQL refuses UPDATE ... SET a = 1, a = 2, INSERT INTO t (a, a), CREATE TABLE t "
		   "(a int, a text) and a view with two columns of one name, so the migration fails at "
		   "that statement. Assignments to different parts of one column (a[1], a[2]) are "
		   "allowed.",
	.fix = "Keep one assignment, list entry or definition of the column.",
	.bad = "UPDATE \"users\" SET \"status\" = 'active', \"status\" = 'verified';",
	.good = "UPDATE \"users\" SET \"status\" = 'verified';",
	.check_statement = check,
};
