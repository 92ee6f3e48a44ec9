/* SPDX-License-Identifier: MIT */
/*
 * ban_truncate_cascade.c
 *	  Flags TRUNCATE ... CASCADE.
 *
 * CASCADE also empties every table that references the truncated ones through a foreign key,
 * and every table that references those, silently: the data loss reaches tables the
 * statement never names. The catalog knows the foreign keys the migrations created, so the
 * detail names the tables the cascade reaches. When every table named and reached was
 * created earlier in the same migration, nothing in production is lost, and the statement is
 * exempt (as the lock rules exempt new tables); a table the catalog does not know counts as
 * existing. (A foreign key that a table made outside the migrations gains in the same
 * migration is not replayed, since that table is unknown: the one case the exemption misses.)
 */
#include <string.h>

#include "miglint/rule.h"

/* Up to this many tables are followed through the foreign keys; more is reported as is. */
#define MAX_REACHED 64

/* The tables the truncation empties: the named ones, then those reached through keys. */
struct reach
{
	const struct ml_cat_object *tables[MAX_REACHED];
	size_t n_named;
	size_t n;
	/* Named tables the catalog does not know (made outside the migrations), by name. */
	const char *unknown_schema[MAX_REACHED];
	const char *unknown_name[MAX_REACHED];
	size_t n_unknown;
};

static bool
reached(const struct reach *r, const struct ml_cat_object *t)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->tables[i] == t)
			return true;
	return false;
}

/*
 * True when foreign key 'c' references 'target', or, with 'target' NULL, a named table the
 * catalog does not know (matched by name: the key's table was never replayed).
 */
static bool
references(const struct reach *r, const struct ml_cat_object *target,
		   const struct ml_cat_constraint *c)
{
	if (c->type != PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN)
		return false;
	if (target != NULL)
		return c->ref == target;
	if (c->ref != NULL || c->ref_name == NULL || c->ref_schema == NULL)
		return false;
	for (size_t u = 0; u < r->n_unknown; u++)
		if (strcmp(c->ref_name, r->unknown_name[u]) == 0 &&
			strcmp(c->ref_schema, r->unknown_schema[u]) == 0)
			return true;
	return false;
}

/* Adds to 'r' every live table with a foreign key that references 'target' (see above). */
static void
add_referencing(const struct ml_catalog *cat, struct reach *r, const struct ml_cat_object *target)
{
	const struct ml_cat_object *t;
	size_t it = 0;

	while ((t = ml_catalog_next_table(cat, &it)) != NULL && r->n < MAX_REACHED)
	{
		const struct ml_cat_constraint *cons;
		size_t n = ml_cat_table_constraints(t, &cons);

		for (size_t c = 0; c < n && !reached(r, t); c++)
			if (references(r, target, &cons[c]))
				r->tables[r->n++] = t;
	}
}

/* Follows the foreign keys from the named tables until nothing is added. */
static void
follow_foreign_keys(const struct ml_catalog *cat, struct reach *r)
{
	add_referencing(cat, r, NULL);
	for (size_t done = 0; done < r->n; done++)
		add_referencing(cat, r, r->tables[done]);
}

/* The tables of 'ts', then the tables the cascade reaches from them. */
static void
reach_of(const struct ml_check *chk, const PgQuery__TruncateStmt *ts, struct reach *r)
{
	r->n = 0;
	r->n_unknown = 0;
	for (size_t i = 0; i < ts->n_relations && chk->catalog != NULL; i++)
	{
		const PgQuery__Node *n = ts->relations[i];
		const struct ml_cat_object *t;

		if (n->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
			continue;
		t = ml_catalog_find(chk->catalog, ML_OBJ_TABLE, n->range_var->schemaname,
							n->range_var->relname);
		if (t == NULL && r->n_unknown < MAX_REACHED)
		{
			r->unknown_schema[r->n_unknown] = n->range_var->schemaname != NULL &&
													  n->range_var->schemaname[0] != '\0'
												  ? n->range_var->schemaname
												  : ml_catalog_search_schema(chk->catalog);
			r->unknown_name[r->n_unknown++] = n->range_var->relname;
		}
		else if (t != NULL && !reached(r, t) && r->n < MAX_REACHED)
			r->tables[r->n++] = t;
	}
	r->n_named = r->n;
	if (chk->catalog != NULL)
		follow_foreign_keys(chk->catalog, r);
}

/* True when the catalog knows every table named, and every foreign key that reaches them. */
static bool
complete(const struct ml_check *chk, const struct reach *r)
{
	return chk->catalog != NULL && r->n_unknown == 0 && r->n < MAX_REACHED &&
		   ml_catalog_exact(chk->catalog);
}

/* True when every table 'r' holds was created earlier in this migration. */
static bool
all_new(const struct ml_check *chk, const struct reach *r)
{
	if (!complete(chk, r))
		return false;
	for (size_t i = 0; i < r->n; i++)
		if (ml_catalog_existed_before(chk->catalog, r->tables[i]))
			return false;
	return true;
}

/* Entry point: called once per statement, in file order. */
static void
check(struct ml_check *chk, const struct ml_stmt *stmt)
{
	struct reach r;
	struct ml_diag *d;
	const char *others = "";

	if (stmt->node->node_case != PG_QUERY__NODE__NODE_TRUNCATE_STMT ||
		stmt->node->truncate_stmt->behavior != PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE)
		return;
	reach_of(chk, stmt->node->truncate_stmt, &r);
	if (all_new(chk, &r))
		return;
	for (size_t i = r.n_named; i < r.n; i++)
		others = ml_arena_printf(chk->arena, "%s%s%s", others, i > r.n_named ? ", " : "",
								 ml_quote_ident(chk->arena, ml_cat_object_name(r.tables[i])));
	d = ml_report(chk, stmt, "TRUNCATE ... CASCADE empties every table that references these");
	if (others[0] != '\0')
		ml_diag_detail(d, "CASCADE follows foreign keys: by the migrations' schema it also empties "
						  "%s, which the statement does not name, and any table made outside "
						  "the migrations that references them.",
					   others);
	else if (complete(chk, &r))
		ml_diag_detail(d, "CASCADE follows foreign keys: any table that references these, and "
						  "any that references those, loses all its rows too, unnamed. The "
						  "migrations' schema has no such table today, so CASCADE only adds "
						  "risk.");
	else
		ml_diag_detail(d, "CASCADE follows foreign keys: any table that references these, and "
						  "any that references those, loses all its rows too, though the "
						  "statement does not name it.");
	ml_diag_hint(d, "Name every table to empty and drop CASCADE, so that a missed reference "
					"fails instead of losing data.");
}

const struct ml_rule ml_rule_ban_truncate_cascade = {
	.name = "ban-truncate-cascade",
	.category = ML_CATEGORY_COMPATIBILITY,
	.severity = ML_SEVERITY_WARNING,
	.summary = "TRUNCATE ... CASCADE",
	.why = "TRUNCATE CASCADE also empties every table that references the named ones, and the "
		   "ones referencing those: data disappears from tables the migration never names. The "
		   "finding names the tables the migrations' foreign keys reach; tables created earlier "
		   "in the same migration, with all they reach, are exempt.",
	.fix = "List every table to empty explicitly and leave out CASCADE.",
	.bad = "TRUNCATE \"users\" CASCADE;",
	.good = "TRUNCATE \"sessions\", \"users\";",
	.check_statement = check,
};
