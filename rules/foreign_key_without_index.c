/* SPDX-License-Identifier: MIT */
/*
 * foreign_key_without_index.c
 *	  Flags a foreign key whose referencing columns no index covers, in the final schema.
 *
 * PostgreSQL indexes the referenced key, never the referencing columns. Without an index
 * there, every DELETE from the referenced table (and every UPDATE of its key) scans the whole
 * referencing table once per row, holding its locks: a purge or an ON DELETE CASCADE turns
 * into minutes of sequential scans. An index counts when it is a live btree index on the
 * referencing table whose leading key columns are the foreign key's columns in any order (a
 * PRIMARY KEY or UNIQUE constraint's index too), partial only when its WHERE asks just that
 * key columns be NOT NULL, which every lookup implies; or a hash index on a one-column key.
 *
 * The final schema is judged, after every migration was replayed: an index added by a later
 * migration fixes an old one, which cannot be edited anyway. The finding goes to the foreign
 * key where it was added, when that file was selected. When the catalog is not exact (dynamic
 * SQL, a syntax error) an index might exist unseen, and the rule stays quiet.
 */
#include <string.h>

#include "miglint/rule.h"

/* The migration whose file has report order 'order', or NULL. */
static const struct ml_migration *
migration_at(const struct ml_folder *f, size_t order)
{
	for (size_t i = 0; i < f->n_files; i++)
		if (f->files[i].order == order)
			return &f->files[i];
	return NULL;
}

/* The index name PostgreSQL would choose: posts_author_id_idx, shortened as it does. */
static const char *
index_name(struct ml_check *chk, const char *table, const struct ml_cat_constraint *c)
{
	const char *cols = "";

	for (size_t i = 0; i < c->n_columns; i++)
		cols = ml_arena_printf(chk->arena, "%s%s%s", cols, i ? "_" : "", c->columns[i]);
	return ml_name_make(chk->arena, table, cols, "idx");
}

/* The columns, quoted: "a", "b" (chk's arena). */
static const char *
column_list(struct ml_check *chk, const struct ml_cat_constraint *c)
{
	const char *out = "";

	for (size_t i = 0; i < c->n_columns; i++)
		out = ml_arena_printf(chk->arena, "%s%s%s", out, i ? ", " : "",
							  ml_quote_ident(chk->arena, c->columns[i]));
	return out;
}

/* Reports one foreign key of 'table' that no index covers, in its file 'm'. */
static void
report(struct ml_check *chk, const struct ml_cat_object *table, const struct ml_cat_constraint *c,
	   const struct ml_migration *m)
{
	const char *tname =
		ml_name_display(chk->arena, ml_cat_object_schema(table), ml_cat_object_name(table));
	const char *ref = c->ref != NULL ? ml_name_display(chk->arena, ml_cat_object_schema(c->ref),
													   ml_cat_object_name(c->ref))
									 : ml_name_display(chk->arena, c->ref_schema, c->ref_name);
	const char *cols = column_list(chk, c);
	const char *iname = ml_quote_ident(chk->arena, index_name(chk, ml_cat_object_name(table), c));
	bool new_table = ml_cat_object_origin(table)->migration == c->origin.migration;
	const struct ml_source *src = ml_check_source(chk, m);
	struct ml_diag *d;

	d = ml_report_in(chk, src, c->origin.start, c->origin.end,
					 "foreign key %s on table %s (%s) has no usable index",
					 ml_quote_ident(chk->arena, c->name), tname, cols);
	ml_diag_detail(d, "Each row deleted from %s, or whose key is updated, makes PostgreSQL look "
					  "for the rows of %s that reference it: without an index on %s every "
					  "lookup reads the whole table, while the locks are held.%s",
				   ref, tname, cols,
				   c->on_delete == 'c' ? " ON DELETE CASCADE deletes what it finds the same way, "
										 "one full scan per deleted row."
									   : "");
	/* The hint depends on the runner of the file that added the foreign key. */
	chk->migration = m;
	if (new_table && ml_check_drizzle(chk))
		ml_diag_hint(d, "Declare the index in the Drizzle schema, index(%s).on(...) over %s, and "
						"generate: while the migration that creates %s has not run anywhere, "
						"ship the new migration with it, since a plain CREATE INDEX on a new "
						"table blocks no one. Once it has run, build the index with CREATE INDEX "
						"CONCURRENTLY IF NOT EXISTS outside the migrator first, and add IF NOT "
						"EXISTS to the CREATE INDEX drizzle-kit writes, which then does nothing.",
					 iname, cols, tname);
	else if (new_table)
		ml_diag_hint(d, "Add the index to the migration that creates %s while that has not run "
						"anywhere (on a new table a plain CREATE INDEX blocks no one): CREATE "
						"INDEX IF NOT EXISTS %s ON %s (%s). Once it has run, build it with CREATE "
						"INDEX CONCURRENTLY instead.",
					 tname, iname, tname, cols);
	else if (ml_check_drizzle(chk))
		ml_diag_hint(d, "Build the index outside the migrator first (in psql or a deploy step): "
						"CREATE INDEX CONCURRENTLY IF NOT EXISTS %s ON %s (%s). drizzle-orm runs "
						"all pending migrations in one transaction, where CONCURRENTLY fails. Then "
						"declare it in the Drizzle schema, index(%s).on(...) over %s, generate, "
						"and add IF NOT EXISTS to the CREATE INDEX drizzle-kit writes, which then "
						"finds the index and does nothing.",
					 iname, tname, cols, iname, cols);
	else
		ml_diag_hint(d, "Index the referencing columns: CREATE INDEX CONCURRENTLY IF NOT EXISTS "
						"%s ON %s (%s);%s",
					 iname, tname, cols,
					 ml_check_concurrently_note(chk));
	chk->migration = NULL;
}

/* Entry point: called once per folder, after all its files were replayed. */
static void
check(struct ml_check *chk)
{
	const struct ml_cat_object *t;
	size_t it = 0;

	if (chk->catalog == NULL || !ml_catalog_exact(chk->catalog))
		return;
	while ((t = ml_catalog_next_table(chk->catalog, &it)) != NULL)
	{
		const struct ml_cat_constraint *c;
		size_t n;

		if (!ml_cat_table_indexes_known(t))
			continue;
		n = ml_cat_table_constraints(t, &c);
		for (size_t i = 0; i < n; i++)
		{
			const struct ml_migration *m;

			if (c[i].type != PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN || c[i].n_columns == 0 ||
				ml_cat_table_covering_index(t, (const char *const *) c[i].columns,
											c[i].n_columns) != NULL)
				continue;
			m = migration_at(chk->folder, c[i].origin.order);
			if (m != NULL && m->selected)
				report(chk, t, &c[i], m);
		}
	}
}

const struct ml_rule ml_rule_foreign_key_without_index = {
	.name = "foreign-key-without-index",
	.category = ML_CATEGORY_LOCKING,
	.severity = ML_SEVERITY_WARNING,
	.summary = "a foreign key whose referencing columns no index covers",
	.why = "PostgreSQL indexes the referenced key but not the referencing columns. Without an "
		   "index there, every DELETE from the referenced table, and every UPDATE of its key, "
		   "scans the whole referencing table once per row while it holds its locks; ON DELETE "
		   "CASCADE does the same for each deleted row. The final schema is judged: an index "
		   "added by a later migration counts.",
	.fix = "Create a btree index whose leading columns are the foreign key's columns, with "
		   "CREATE INDEX CONCURRENTLY on a table in use (outside the migrator under drizzle-orm, "
		   "which runs migrations in one transaction), or in the migration that creates the "
		   "table. In a Drizzle schema, declare it with index().on(...).",
	.bad = "CREATE TABLE \"posts\" (\"id\" serial PRIMARY KEY, \"author_id\" integer NOT NULL);\n"
		   "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_id_users_id_fk\" FOREIGN KEY "
		   "(\"author_id\") REFERENCES \"users\"(\"id\");",
	.good = "CREATE TABLE \"posts\" (\"id\" serial PRIMARY KEY, \"author_id\" integer NOT NULL);\n"
			"ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_id_users_id_fk\" FOREIGN KEY "
			"(\"author_id\") REFERENCES \"users\"(\"id\");\n"
			"CREATE INDEX IF NOT EXISTS \"posts_author_id_idx\" ON \"posts\" (\"author_id\");",
	.check_folder = check,
};
