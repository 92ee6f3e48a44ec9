/* SPDX-License-Identifier: MIT */
/*
 * ban_drop_table.c
 *	  Flags DROP TABLE of a table that existed before the migration.
 *
 * The data is gone for good, and instances still running the previous release fail on it.
 * Dropping a table created earlier in the same migration (a staging table) is exempt.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__DropStmt *ds;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_DROP_STMT)
		return;
	ds = stmt->node->drop_stmt;
	if (ds->remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
		return;
	for (size_t i = 0; i < ds->n_objects; i++)
	{
		const PgQuery__Node *obj = ds->objects[i];
		PgQuery__RangeVar rv = PG_QUERY__RANGE_VAR__INIT;
		size_t n;
		struct ml_diag *d;

		if (obj->node_case != PG_QUERY__NODE__NODE_LIST || (n = obj->list->n_items) == 0 ||
			obj->list->items[n - 1]->node_case != PG_QUERY__NODE__NODE_STRING)
			continue;
		rv.relname = obj->list->items[n - 1]->string->sval;
		if (n >= 2 && obj->list->items[n - 2]->node_case == PG_QUERY__NODE__NODE_STRING)
			rv.schemaname = obj->list->items[n - 2]->string->sval;
		/* The catalog has already replayed the drop: ask where the table came from. */
		if (!ml_check_table_dropped_existed(chk, &rv))
			continue;
		d = ml_report(chk, stmt, "table %s is dropped", ml_name_object(chk->arena, obj));
		ml_diag_detail(d, "Its data is gone for good, and instances still running the previous "
						  "release fail on it.");
		ml_diag_hint(d, "Stop using the table in one release and drop it in a later one, after a "
						"backup if its data might be needed.");
	}
}

const struct ml_rule ml_rule_ban_drop_table = {
	.name = "ban-drop-table",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "DROP TABLE of a table that already exists",
	.why = "Dropping a table destroys its data and breaks every instance that still uses it. A "
		   "table created earlier in the same migration is exempt.",
	.fix = "Stop using the table first; drop it in a later release, after a backup if needed.",
	.bad = "DROP TABLE \"legacy_sessions\";",
	.good = "-- in the release after the code stopped using it:\nDROP TABLE IF EXISTS "
			"\"legacy_sessions\";",
	.check_statement = check,
};
