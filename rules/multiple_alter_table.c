/* SPDX-License-Identifier: MIT */
/*
 * multiple_alter_table.c
 *	  Flags consecutive ALTER TABLE statements on one existing table that one statement
 *	  could do.
 *
 * Outside a transaction every ALTER TABLE waits for its lock on the table again, and each
 * wait queues the application's queries behind it. Inside one (drizzle-orm runs every pending
 * migration in one) the lock is kept, but each statement that rewrites the table or checks
 * every row (ALTER COLUMN ... TYPE, SET NOT NULL, a validated constraint, an index-backed
 * key, a rewriting ADD COLUMN) does its own pass, where one ALTER TABLE with several commands
 * does one. Only statements next to each other count (SET statements between them are fine):
 * anything else between them, such as the UPDATE that backfills a column, might be why they
 * are apart. VALIDATE CONSTRAINT and ATTACH / DETACH PARTITION stand alone on purpose, and
 * statements inside DO blocks keep their own exception handlers, so none of them is merged.
 * A table created earlier in the same migration is exempt.
 */
#include <string.h>

#include "miglint/rule.h"

/* A command that must stay in a statement of its own. */
static bool
stands_alone(const PgQuery__AlterTableCmd *cmd)
{
	switch (cmd->subtype)
	{
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize:
			return true;
		default:
			return false;
	}
}

/* The statement as an ALTER TABLE that can be merged with its neighbours, or NULL. */
static const PgQuery__AlterTableStmt *
mergeable(const struct ml_stmt *st)
{
	const PgQuery__AlterTableStmt *at;

	if (st->node == NULL || st->in_do ||
		st->node->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_STMT)
		return NULL;
	at = st->node->alter_table_stmt;
	if (at->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE || at->relation == NULL)
		return NULL;
	for (size_t i = 0; i < at->n_cmds; i++)
		if (at->cmds[i]->alter_table_cmd == NULL || stands_alone(at->cmds[i]->alter_table_cmd))
			return NULL;
	return at;
}

/* Same table, written the same way (schema or none), with the same ONLY. */
static bool
same_table(const PgQuery__RangeVar *a, const PgQuery__RangeVar *b)
{
	const char *sa = a->schemaname != NULL ? a->schemaname : "";
	const char *sb = b->schemaname != NULL ? b->schemaname : "";

	return strcmp(a->relname, b->relname) == 0 && strcmp(sa, sb) == 0 && a->inh == b->inh;
}

/* SET statements between two ALTER TABLEs do not keep them apart. */
static bool
transparent(const struct ml_stmt *st)
{
	return st->node != NULL && !st->in_do &&
		   st->node->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT;
}

/* The index of the next statement after 'i' that is not transparent, or n. */
static size_t
next_index(const struct ml_file *f, size_t i)
{
	for (i++; i < f->n_stmts && transparent(&f->stmts[i]); i++)
		;
	return i;
}

static bool
any_pass(const PgQuery__AlterTableStmt *at)
{
	for (size_t i = 0; i < at->n_cmds; i++)
		if (ml_alter_cmd_needs_pass(at->cmds[i]->alter_table_cmd))
			return true;
	return false;
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	const struct ml_file *f = chk->file;
	const PgQuery__AlterTableStmt *at = mergeable(stmt), *prev;
	size_t self = (size_t) (stmt - f->stmts), count = 1, passes, i;
	const char *table, *lines = "", *others;
	unsigned last = 0;
	bool tx = ml_check_in_transaction(chk);
	struct ml_diag *d;

	if (at == NULL || self >= f->n_stmts || ml_check_alter_existing_table(chk, stmt) == NULL)
		return;
	/* Report at the first statement of a run only. */
	for (i = self; i > 0 && transparent(&f->stmts[i - 1]); i--)
		;
	prev = i > 0 ? mergeable(&f->stmts[i - 1]) : NULL;
	if (prev != NULL && same_table(prev->relation, at->relation))
		return;
	passes = any_pass(at) ? 1 : 0;
	for (i = next_index(f, self); i < f->n_stmts; i = next_index(f, i))
	{
		const PgQuery__AlterTableStmt *next = mergeable(&f->stmts[i]);
		unsigned line, col;

		if (next == NULL || !same_table(next->relation, at->relation))
			break;
		count++;
		passes += any_pass(next) ? 1 : 0;
		ml_source_line_col(f->src, f->stmts[i].start, &line, &col);
		if (last != 0)
			lines = ml_arena_printf(chk->arena, "%s%s%u", lines, lines[0] ? ", " : "", last);
		last = line;
	}
	if (count == 2)
		lines = ml_arena_printf(chk->arena, "%u", last);
	if (count < 2 || (tx && passes < 2))
		return;
	table = ml_name_range_var(chk->arena, at->relation);
	others = count == 2 ? ml_arena_printf(chk->arena, "The other is on line %s.", lines)
						: ml_arena_printf(chk->arena, "The others are on lines %s and %u.", lines,
										  last);
	d = ml_report(chk, stmt, "table %s is altered by %zu ALTER TABLE statements in a row", table,
				  count);
	if (tx)
		ml_diag_detail(d, "%zu of them rewrite %s or read every row, each in a pass of its own "
						  "while the lock is held; one ALTER TABLE does all its commands in one "
						  "pass. %s",
					   passes, table, others);
	else
		ml_diag_detail(d, "Each statement waits for its lock on %s again, and the application's "
						  "queries queue behind every wait; one ALTER TABLE takes the lock once. %s",
					   table, others);
	ml_diag_hint(d, "Write one ALTER TABLE %s with the commands of the %zu statements separated by "
					"commas%s.",
				 table, count,
				 ml_check_drizzle(chk) ? "; drizzle-kit writes one statement per change, so merge "
										 "them in the generated file before it is applied"
									   : "");
}

const struct ml_rule ml_rule_multiple_alter_table = {
	.name = "multiple-alter-table",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_INFO,
	.summary = "consecutive ALTER TABLE statements on one existing table",
	.why = "Outside a transaction each ALTER TABLE waits for the table's lock again, and queries "
		   "queue behind every wait. Inside one (drizzle-orm's), each statement that rewrites "
		   "the table or checks every row does its own pass under the lock; one ALTER TABLE with "
		   "several commands does one. Statements with anything but SET between them, VALIDATE "
		   "CONSTRAINT, partition commands, statements in DO blocks and new tables are left "
		   "alone. Info by default: merging is an optimisation, not a fix.",
	.fix = "Merge the statements into one ALTER TABLE with the commands separated by commas.",
	.bad = "ALTER TABLE \"users\" ALTER COLUMN \"email\" SET NOT NULL;\nALTER TABLE \"users\" "
		   "ALTER COLUMN \"name\" SET NOT NULL;",
	.good = "ALTER TABLE \"users\" ALTER COLUMN \"email\" SET NOT NULL, ALTER COLUMN \"name\" SET "
			"NOT NULL;",
	.check_statement = check,
};
