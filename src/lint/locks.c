/* SPDX-License-Identifier: MIT */
/*
 * locks.c
 *	  Which statements queue the application behind their lock, and which set a timeout.
 *
 * A lock request waits behind every conflicting lock already held (a long query, an idle
 * open transaction), and while it waits every later request that conflicts with it waits
 * too. A SHARE or stronger lock conflicts with the application's writes, ACCESS EXCLUSIVE
 * with its reads: those are the statements lock_timeout and statement_timeout protect.
 * Only relations that existed before the migration count (the catalog says so); a table
 * created earlier in the same migration is unseen by other sessions. Used by the rules that
 * require the timeouts; the classification is PostgreSQL's (the lock table of ALTER TABLE's
 * and LOCK's documentation), kept to the statements migrations write.
 */
#include <stdlib.h>
#include <string.h>

#include "miglint/rule.h"

static const char *const ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE";
static const char *const SHARE_ROW_EXCLUSIVE = "SHARE ROW EXCLUSIVE";
static const char *const SHARE = "SHARE";

/*
 * True when 'rv' existed before the migration, judged after the whole file was replayed:
 * a table this migration created and later dropped is new too.
 */
static bool
existed(const struct ml_check *chk, const PgQuery__RangeVar *rv)
{
	return rv != NULL && ml_check_table_existed(chk, rv) &&
		   ml_check_table_dropped_existed(chk, rv);
}

/* Like existed(), for a materialized view. */
static bool
matview_existed(const struct ml_check *chk, const PgQuery__RangeVar *rv)
{
	const struct ml_cat_object *mv;

	if (chk->catalog == NULL || rv == NULL)
		return true;
	mv = ml_catalog_find(chk->catalog, ML_OBJ_MATVIEW,
						 rv->schemaname != NULL && rv->schemaname[0] != '\0' ? rv->schemaname
																			 : NULL,
						 rv->relname);
	if (mv == NULL)
		mv = ml_catalog_find_dropped(chk->catalog, ML_OBJ_MATVIEW,
									 rv->schemaname != NULL && rv->schemaname[0] != '\0'
										 ? rv->schemaname
										 : NULL,
									 rv->relname);
	return mv == NULL || ml_catalog_existed_before(chk->catalog, mv);
}

/* The lock one ALTER TABLE command takes, or NULL when it is SHARE UPDATE EXCLUSIVE. */
static const char *
alter_cmd_lock(const PgQuery__AlterTableCmd *cmd)
{
	switch (cmd->subtype)
	{
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
			return NULL;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
			if (cmd->def != NULL && cmd->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD &&
				cmd->def->partition_cmd->concurrent)
				return NULL;
			return ACCESS_EXCLUSIVE;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
			if (cmd->def != NULL && cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
				cmd->def->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN)
				return SHARE_ROW_EXCLUSIVE;
			return ACCESS_EXCLUSIVE;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
			return SHARE_ROW_EXCLUSIVE;
		default:
			return ACCESS_EXCLUSIVE;
	}
}

/* The stronger of two locks (NULL is weaker than any). */
static const char *
stronger(const char *a, const char *b)
{
	static const char *const order[] = {"SHARE", "SHARE ROW EXCLUSIVE", "ACCESS EXCLUSIVE"};
	int ra = -1, rb = -1;

	for (int i = 0; i < 3; i++)
	{
		if (a != NULL && strcmp(a, order[i]) == 0)
			ra = i;
		if (b != NULL && strcmp(b, order[i]) == 0)
			rb = i;
	}
	return ra >= rb ? a : b;
}

/* A FOREIGN KEY's referenced table, when 'c' is one. */
static const PgQuery__RangeVar *
fk_target(const PgQuery__Node *n)
{
	if (n == NULL || n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT ||
		n->constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN)
		return NULL;
	return n->constraint->pktable;
}

/* The first existing table a list of constraints references with a FOREIGN KEY. */
static const PgQuery__RangeVar *
fk_existing(const struct ml_check *chk, PgQuery__Node *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		const PgQuery__RangeVar *pk = fk_target(items[i]);

		if (pk != NULL && existed(chk, pk))
			return pk;
	}
	return NULL;
}

/* CREATE TABLE: a FOREIGN KEY to an existing table locks it (SHARE ROW EXCLUSIVE). */
static bool
create_table_lock(const struct ml_check *chk, const PgQuery__CreateStmt *cs,
				  struct ml_blocking_lock *out)
{
	const PgQuery__RangeVar *pk = fk_existing(chk, cs->constraints, cs->n_constraints);

	for (size_t i = 0; pk == NULL && i < cs->n_table_elts; i++)
	{
		const PgQuery__Node *e = cs->table_elts[i];

		if (e->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
			pk = fk_existing(chk, e->column_def->constraints, e->column_def->n_constraints);
		else if (fk_target(e) != NULL && existed(chk, fk_target(e)))
			pk = fk_target(e);
	}
	if (pk != NULL)
	{
		out->statement = "CREATE TABLE";
		out->lock = SHARE_ROW_EXCLUSIVE;
		out->relation = pk;
		return true;
	}
	/* CREATE TABLE ... PARTITION OF locks the parent. */
	if (cs->partbound != NULL && cs->n_inh_relations > 0 &&
		cs->inh_relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR &&
		existed(chk, cs->inh_relations[0]->range_var))
	{
		out->statement = "CREATE TABLE ... PARTITION OF";
		out->lock = ACCESS_EXCLUSIVE;
		out->relation = cs->inh_relations[0]->range_var;
		return true;
	}
	return false;
}

static bool
alter_table_lock(const struct ml_check *chk, const PgQuery__AlterTableStmt *at,
				 struct ml_blocking_lock *out)
{
	const char *lock = NULL;

	if (at->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE || at->relation == NULL)
		return false;
	if (!existed(chk, at->relation))
	{
		/* A new table's FOREIGN KEY still locks the existing table it references. */
		for (size_t i = 0; i < at->n_cmds; i++)
		{
			const PgQuery__AlterTableCmd *cmd = at->cmds[i]->alter_table_cmd;
			const PgQuery__RangeVar *pk =
				cmd != NULL && cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint
					? fk_target(cmd->def)
					: NULL;

			if (pk != NULL && existed(chk, pk))
			{
				out->statement = "ALTER TABLE ... ADD FOREIGN KEY";
				out->lock = SHARE_ROW_EXCLUSIVE;
				out->relation = pk;
				return true;
			}
		}
		return false;
	}
	for (size_t i = 0; i < at->n_cmds; i++)
		if (at->cmds[i]->alter_table_cmd != NULL)
			lock = stronger(lock, alter_cmd_lock(at->cmds[i]->alter_table_cmd));
	if (lock == NULL)
		return false;
	out->statement = "ALTER TABLE";
	out->lock = lock;
	out->relation = at->relation;
	return true;
}

/* The first existing table among a list of RangeVar nodes. */
static const PgQuery__RangeVar *
first_existing(const struct ml_check *chk, PgQuery__Node *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (items[i]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR &&
			existed(chk, items[i]->range_var))
			return items[i]->range_var;
	return NULL;
}

/* DROP TABLE / INDEX / VIEW / MATERIALIZED VIEW of something that existed before. */
static bool
drop_lock(const struct ml_check *chk, const PgQuery__DropStmt *ds, struct ml_blocking_lock *out)
{
	enum ml_obj_kind kind;
	const char *word;

	switch (ds->remove_type)
	{
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
			kind = ML_OBJ_TABLE;
			word = "table";
			out->statement = "DROP TABLE";
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
			if (ds->concurrent)
				return false;
			kind = ML_OBJ_INDEX;
			word = "index";
			out->statement = "DROP INDEX";
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
			kind = ML_OBJ_VIEW;
			word = "view";
			out->statement = "DROP VIEW";
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			kind = ML_OBJ_MATVIEW;
			word = "materialized view";
			out->statement = "DROP MATERIALIZED VIEW";
			break;
		default:
			return false;
	}
	for (size_t i = 0; i < ds->n_objects; i++)
	{
		const PgQuery__Node *o = ds->objects[i];
		const char *schema, *name;
		const struct ml_cat_object *obj;

		if (o->node_case != PG_QUERY__NODE__NODE_LIST ||
			!ml_name_split(o->list->items, o->list->n_items, &schema, &name))
			continue;
		if (kind == ML_OBJ_INDEX)
		{
			if (!ml_check_index_table_existed(chk, o))
				continue;
		}
		else
		{
			obj = chk->catalog != NULL ? ml_catalog_find(chk->catalog, kind, schema, name)
									   : NULL;
			if (obj == NULL && chk->catalog != NULL)
				obj = ml_catalog_find_dropped(chk->catalog, kind, schema, name);
			if (obj != NULL && !ml_catalog_existed_before(chk->catalog, obj))
				continue;
		}
		out->lock = ACCESS_EXCLUSIVE;
		out->relation = NULL;
		out->object = ml_arena_printf(chk->arena, "%s %s", word, ml_name_object(chk->arena, o));
		return true;
	}
	return false;
}

bool
ml_check_blocking_lock(const struct ml_check *chk, const struct ml_stmt *stmt,
					   struct ml_blocking_lock *out)
{
	const PgQuery__Node *n = stmt->node;

	memset(out, 0, sizeof(*out));
	if (n == NULL)
		return false;
	switch (n->node_case)
	{
		case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
			return alter_table_lock(chk, n->alter_table_stmt, out);
		case PG_QUERY__NODE__NODE_CREATE_STMT:
			return create_table_lock(chk, n->create_stmt, out);
		case PG_QUERY__NODE__NODE_INDEX_STMT:
			if (n->index_stmt->concurrent || !existed(chk, n->index_stmt->relation))
				return false;
			out->statement = "CREATE INDEX";
			out->lock = SHARE;
			out->relation = n->index_stmt->relation;
			return true;
		case PG_QUERY__NODE__NODE_DROP_STMT:
			return drop_lock(chk, n->drop_stmt, out);
		case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
			out->relation = first_existing(chk, n->truncate_stmt->relations,
										   n->truncate_stmt->n_relations);
			out->statement = "TRUNCATE";
			out->lock = ACCESS_EXCLUSIVE;
			return out->relation != NULL;
		case PG_QUERY__NODE__NODE_RENAME_STMT:
		{
			const PgQuery__RenameStmt *rs = n->rename_stmt;

			if (rs->relation == NULL || !existed(chk, rs->relation) ||
				(rs->rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE &&
				 rs->rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN &&
				 rs->rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT))
				return false;
			out->statement = "ALTER TABLE ... RENAME";
			out->lock = ACCESS_EXCLUSIVE;
			out->relation = rs->relation;
			return true;
		}
		case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
			if (!existed(chk, n->create_trig_stmt->relation))
				return false;
			out->statement = "CREATE TRIGGER";
			out->lock = SHARE_ROW_EXCLUSIVE;
			out->relation = n->create_trig_stmt->relation;
			return true;
		case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
			if (!existed(chk, n->create_policy_stmt->table))
				return false;
			out->statement = "CREATE POLICY";
			out->lock = ACCESS_EXCLUSIVE;
			out->relation = n->create_policy_stmt->table;
			return true;
		case PG_QUERY__NODE__NODE_LOCK_STMT:
			/* LOCK's modes are numbered as in PostgreSQL: 5 is SHARE, 8 ACCESS EXCLUSIVE. */
			if (n->lock_stmt->mode < 5)
				return false;
			out->relation = first_existing(chk, n->lock_stmt->relations,
										   n->lock_stmt->n_relations);
			out->statement = "LOCK TABLE";
			out->lock = n->lock_stmt->mode >= 8 ? ACCESS_EXCLUSIVE
						: n->lock_stmt->mode >= 6 ? SHARE_ROW_EXCLUSIVE
												  : SHARE;
			if (n->lock_stmt->mode == 7)
				out->lock = "EXCLUSIVE";
			return out->relation != NULL;
		case PG_QUERY__NODE__NODE_REINDEX_STMT:
			if (ml_def_elem_find(n->reindex_stmt->params, n->reindex_stmt->n_params,
								 "concurrently") != NULL)
				return false;
			if (n->reindex_stmt->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE &&
				!existed(chk, n->reindex_stmt->relation))
				return false;
			out->statement = "REINDEX";
			out->lock = ACCESS_EXCLUSIVE;
			out->relation = n->reindex_stmt->kind ==
									PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE
								? n->reindex_stmt->relation
								: NULL;
			return true;
		case PG_QUERY__NODE__NODE_VACUUM_STMT:
			if (!n->vacuum_stmt->is_vacuumcmd ||
				ml_def_elem_find(n->vacuum_stmt->options, n->vacuum_stmt->n_options, "full") ==
					NULL)
				return false;
			out->statement = "VACUUM FULL";
			out->lock = ACCESS_EXCLUSIVE;
			for (size_t i = 0; i < n->vacuum_stmt->n_rels; i++)
			{
				const PgQuery__Node *r = n->vacuum_stmt->rels[i];

				if (r->node_case == PG_QUERY__NODE__NODE_VACUUM_RELATION &&
					existed(chk, r->vacuum_relation->relation))
				{
					out->relation = r->vacuum_relation->relation;
					return true;
				}
			}
			return n->vacuum_stmt->n_rels == 0; /* every table of the database */
		case PG_QUERY__NODE__NODE_CLUSTER_STMT:
			if (n->cluster_stmt->relation != NULL && !existed(chk, n->cluster_stmt->relation))
				return false;
			out->statement = "CLUSTER";
			out->lock = ACCESS_EXCLUSIVE;
			out->relation = n->cluster_stmt->relation;
			return true;
		case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
			if (n->refresh_mat_view_stmt->concurrent ||
				!matview_existed(chk, n->refresh_mat_view_stmt->relation))
				return false;
			out->statement = "REFRESH MATERIALIZED VIEW";
			out->lock = ACCESS_EXCLUSIVE;
			out->object = ml_arena_printf(chk->arena, "materialized view %s",
										  ml_name_range_var(chk->arena,
															n->refresh_mat_view_stmt->relation));
			return true;
		default:
			return false;
	}
}

/* True when a constant node holds zero ("0", 0, '0ms'): the timeout is then disabled. */
static bool
zero_value(const PgQuery__Node *v)
{
	const char *s = NULL;
	char *end;

	if (v == NULL)
		return false;
	if (v->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
		v = v->type_cast->arg;
	if (v == NULL || v->node_case != PG_QUERY__NODE__NODE_A_CONST)
		return false;
	switch (v->a_const->val_case)
	{
		case PG_QUERY__A__CONST__VAL_IVAL:
			return v->a_const->ival->ival == 0;
		case PG_QUERY__A__CONST__VAL_FVAL:
			s = v->a_const->fval->fval;
			break;
		case PG_QUERY__A__CONST__VAL_SVAL:
			s = v->a_const->sval->sval;
			break;
		default:
			return false;
	}
	if (s == NULL)
		return false;
	return strtod(s, &end) == 0.0 && end != s;
}

/* The string of a constant argument, or NULL. */
static const char *
const_string(const PgQuery__Node *v)
{
	if (v != NULL && v->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
		v = v->type_cast->arg;
	if (v == NULL || v->node_case != PG_QUERY__NODE__NODE_A_CONST ||
		v->a_const->val_case != PG_QUERY__A__CONST__VAL_SVAL)
		return NULL;
	return v->a_const->sval->sval;
}

/* A SELECT set_config('<guc>', value, is_local) with constant arguments. */
static enum ml_timeout_setting
set_config_call(const PgQuery__SelectStmt *sel, const char *guc)
{
	for (size_t i = 0; i < sel->n_target_list; i++)
	{
		const PgQuery__Node *t = sel->target_list[i];
		const PgQuery__FuncCall *fc;
		const PgQuery__Node *last, *local;
		const char *name;

		if (t->node_case != PG_QUERY__NODE__NODE_RES_TARGET || t->res_target->val == NULL ||
			t->res_target->val->node_case != PG_QUERY__NODE__NODE_FUNC_CALL)
			continue;
		fc = t->res_target->val->func_call;
		last = fc->n_funcname > 0 ? fc->funcname[fc->n_funcname - 1] : NULL;
		if (last == NULL || last->node_case != PG_QUERY__NODE__NODE_STRING ||
			strcmp(last->string->sval, "set_config") != 0 || fc->n_args != 3)
			continue;
		name = const_string(fc->args[0]);
		if (name == NULL || strcmp(name, guc) != 0)
			continue;
		if (zero_value(fc->args[1]))
			return ML_TIMEOUT_CLEARED;
		local = fc->args[2];
		if (local != NULL && local->node_case == PG_QUERY__NODE__NODE_A_CONST &&
			local->a_const->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL &&
			local->a_const->boolval->boolval)
			return ML_TIMEOUT_SET_LOCAL;
		return ML_TIMEOUT_SET;
	}
	return ML_TIMEOUT_UNRELATED;
}

enum ml_timeout_setting
ml_stmt_timeout_setting(const struct ml_stmt *stmt, const char *guc)
{
	const PgQuery__VariableSetStmt *vs;

	if (stmt->node == NULL)
		return ML_TIMEOUT_UNRELATED;
	if (stmt->node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT)
		return set_config_call(stmt->node->select_stmt, guc);
	if (stmt->node->node_case != PG_QUERY__NODE__NODE_VARIABLE_SET_STMT)
		return ML_TIMEOUT_UNRELATED;
	vs = stmt->node->variable_set_stmt;
	if (vs->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL)
		return ML_TIMEOUT_CLEARED;
	if (vs->name == NULL || strcmp(vs->name, guc) != 0)
		return ML_TIMEOUT_UNRELATED;
	if (vs->kind != PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE ||
		(vs->n_args > 0 && zero_value(vs->args[0])))
		return ML_TIMEOUT_CLEARED;
	return vs->is_local ? ML_TIMEOUT_SET_LOCAL : ML_TIMEOUT_SET;
}

const struct ml_stmt *
ml_check_first_unguarded_lock(const struct ml_check *chk, const char *guc,
							  struct ml_blocking_lock *lk, bool *wasted_local)
{
	const struct ml_file *f = chk->file;
	bool in_tx = ml_check_in_transaction(chk), block = false, set = false, local = false;

	*wasted_local = false;
	for (size_t i = 0; i < f->n_stmts; i++)
	{
		const struct ml_stmt *st = &f->stmts[i];

		if (st->node == NULL)
			continue;
		if (!st->in_do)
		{
			enum ml_tx_effect e = ml_stmt_tx_effect(st->node);

			if (e == ML_TX_OPEN)
				block = true;
			else if (e == ML_TX_END || e == ML_TX_END_AND_OPEN)
			{
				/* SET LOCAL ends with its transaction, chained or not. */
				block = e == ML_TX_END_AND_OPEN;
				if (local && !in_tx)
					set = local = false;
			}
		}
		switch (ml_stmt_timeout_setting(st, guc))
		{
			case ML_TIMEOUT_SET:
				set = true;
				local = false;
				break;
			case ML_TIMEOUT_SET_LOCAL:
				if (in_tx || block)
					set = local = true;
				else
					*wasted_local = true;
				break;
			case ML_TIMEOUT_CLEARED:
				set = local = false;
				break;
			case ML_TIMEOUT_UNRELATED:
				break;
		}
		if (!set && ml_check_blocking_lock(chk, st, lk))
			return st;
	}
	return NULL;
}

const char *
ml_blocking_lock_phrase(struct ml_check *chk, const struct ml_blocking_lock *lk)
{
	const char *article = lk->lock[0] == 'A' || lk->lock[0] == 'E' ? "an" : "a";

	if (lk->relation != NULL)
		return ml_arena_printf(chk->arena, "%s %s lock on table %s", article, lk->lock,
							   ml_name_range_var(chk->arena, lk->relation));
	if (lk->object != NULL)
		return ml_arena_printf(chk->arena, "%s %s lock on %s", article, lk->lock, lk->object);
	return ml_arena_printf(chk->arena, "%s %s lock", article, lk->lock);
}
