/* SPDX-License-Identifier: MIT */
/*
 * require_enum_value_ordering.c
 *	  Flags ALTER TYPE ... ADD VALUE without BEFORE or AFTER (off by default).
 *
 * An enum's values sort in the order they were declared, and ADD VALUE without a position
 * appends: the new value compares greater than every existing one, so queries that use the
 * order (status < 'approved', ORDER BY, a range) silently treat it as the last. A type created
 * earlier in the same migration is exempt: nothing compares its values yet. Off by default:
 * drizzle-kit itself writes BEFORE when the schema puts a new value mid-list, so an append in
 * a Drizzle migration is the schema's own order.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterEnumStmt *ae;
	const struct ml_cat_object *type = NULL;
	const char *const *values = NULL;
	const char *name, *schema, *tname;
	size_t n = 0;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_ALTER_ENUM_STMT)
		return;
	ae = stmt->node->alter_enum_stmt;
	if ((ae->old_val != NULL && ae->old_val[0] != '\0') || ae->new_val == NULL ||
		(ae->new_val_neighbor != NULL && ae->new_val_neighbor[0] != '\0'))
		return;
	if (chk->catalog != NULL && ml_name_split(ae->type_name, ae->n_type_name, &schema, &tname))
		type = ml_catalog_find(chk->catalog, ML_OBJ_TYPE, schema, tname);
	if (type != NULL && !ml_catalog_existed_before(chk->catalog, type))
		return;
	if (type != NULL)
		n = ml_cat_enum_values(type, &values);
	name = ml_name_list(chk->arena, ae->type_name, ae->n_type_name);
	d = ml_report(chk, stmt, "value \"%s\" is added at the end of enum %s", ae->new_val, name);
	/* The catalog has replayed this statement: the new value is last, its predecessor before. */
	if (n >= 2)
		ml_diag_detail(d, "Without BEFORE or AFTER the value sorts after \"%s\" and every other "
						  "value, so comparisons (<, >, BETWEEN) and ORDER BY on %s treat it as "
						  "the greatest.",
					   values[n - 2], name);
	else
		ml_diag_detail(d, "Without BEFORE or AFTER the value sorts after every existing value, so "
						  "comparisons (<, >, BETWEEN) and ORDER BY on %s treat it as the "
						  "greatest.",
					   name);
	ml_diag_hint(d, "Say where it belongs: ADD VALUE %s'%s' BEFORE '...' or AFTER '...'%s.",
				 ae->skip_if_new_val_exists ? "IF NOT EXISTS " : "", ae->new_val,
				 n >= 2 ? ml_arena_printf(chk->arena, " (AFTER '%s' if the end is right)",
										  values[n - 2])
						: "");
}

const struct ml_rule ml_rule_require_enum_value_ordering = {
	.name = "require-enum-value-ordering",
	.category = ML_CATEGORY_SCHEMA,
	.severity = ML_SEVERITY_OFF,
	.summary = "ALTER TYPE ... ADD VALUE without BEFORE or AFTER (off by default)",
	.why = "An enum sorts in declaration order, and ADD VALUE without a position appends, so "
		   "queries that compare or order by the enum treat the new value as the greatest. A "
		   "type created earlier in the same migration is exempt. It is off by default because "
		   "drizzle-kit writes BEFORE itself when the schema places a value mid-list: an append "
		   "in a Drizzle migration is the schema's order.",
	.fix = "Write ADD VALUE ... BEFORE or AFTER an existing value, also when the end is right "
		   "(AFTER the current last value), so the order is stated.",
	.bad = "ALTER TYPE \"status\" ADD VALUE 'pending_review';",
	.good = "ALTER TYPE \"status\" ADD VALUE 'pending_review' BEFORE 'approved';",
	.check_statement = check,
};
