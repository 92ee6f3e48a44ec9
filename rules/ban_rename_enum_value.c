/* SPDX-License-Identifier: MIT */
/*
 * ban_rename_enum_value.c
 *	  Flags ALTER TYPE ... RENAME VALUE.
 *
 * The rename is instant, but every instance still running the previous release writes and
 * compares the old label, which no longer exists: its inserts and updates fail with
 * "invalid input value for enum" until it is replaced.
 */
#include "miglint/rule.h"

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const PgQuery__AlterEnumStmt *ae;
	struct ml_diag *d;

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_ALTER_ENUM_STMT)
		return;
	ae = stmt->node->alter_enum_stmt;
	if (ae->old_val == NULL || ae->old_val[0] == '\0')
		return;
	d = ml_report(chk, stmt, "value \"%s\" of enum %s is renamed to \"%s\"", ae->old_val,
				  ml_name_list(chk->arena, ae->type_name, ae->n_type_name), ae->new_val);
	ml_diag_detail(d, "Instances still running the previous release write and compare \"%s\", "
					  "which no longer exists: their writes fail with \"invalid input value for "
					  "enum\" until they are replaced.",
				   ae->old_val);
	ml_diag_hint(d, "Add the new value, move the rows and the code over to it, and stop using the "
					"old one; an enum value cannot be dropped, so leave it unused.");
}

const struct ml_rule ml_rule_ban_rename_enum_value = {
	.name = "ban-rename-enum-value",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "ALTER TYPE ... RENAME VALUE",
	.why = "Running instances of the previous release still use the old label, which stops "
		   "existing the moment the migration commits.",
	.fix = "Add the new value, migrate rows and code to it, and leave the old one unused.",
	.bad = "ALTER TYPE \"post_status\" RENAME VALUE 'draft' TO 'unpublished';",
	.good = "ALTER TYPE \"post_status\" ADD VALUE IF NOT EXISTS 'unpublished';",
	.check_statement = check,
};
