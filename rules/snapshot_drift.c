/* SPDX-License-Identifier: MIT */
/*
 * snapshot_drift.c
 *	  Flags differences between the newest snapshot's tables and columns and the schema the
 *	  migrations build.
 *
 * drizzle-kit generate diffs the schema in code against the newest snapshot, never against
 * the migrations. When they disagree (a migration edited by hand, a custom migration that
 * added a column, a snapshot from another branch), the next generate writes a wrong diff:
 * ADD COLUMN for a column that exists, or nothing for one that does not. Compared only when
 * every statement could be replayed exactly (no dynamic SQL, no syntax errors, no CREATE of
 * something that existed: those are reported by their own rules and would make every later
 * difference a guess); drizzle-kit 0.x snapshots only (1.0 snapshots hold deltas). Tables in
 * a schema that no migration creates belong to another system (Supabase's auth.users,
 * declared only to reference it) and are not compared.
 */
#include <string.h>

#include "miglint/rule.h"

/* The snapshot of the last journal entry, or NULL. */
static const struct ml_snapshot *
newest(const struct ml_drizzle_meta *m)
{
	if (m->n_entries == 0 || m->entry[m->n_entries - 1].snapshot == (size_t) -1)
		return NULL;
	return &m->snapshots[m->entry[m->n_entries - 1].snapshot];
}

static const char *
schema_of(const cJSON *table)
{
	const cJSON *s = ml_json_member(table, "schema");

	return cJSON_IsString(s) && s->valuestring[0] ? s->valuestring : "public";
}

/* Snapshot tables and columns that the migrations do not create. */
static void
snapshot_side(struct ml_check *chk, const struct ml_meta_file *mf, const cJSON *tables)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, tables)
	{
		const cJSON *name = ml_json_member(t, "name");
		const cJSON *cols = ml_json_member(t, "columns");
		const struct ml_cat_object *ct;
		const cJSON *c;
		struct ml_diag *d;

		if (!cJSON_IsString(name))
			continue;
		/* A table in a schema no migration creates is someone else's (Supabase's auth.users). */
		if (strcmp(schema_of(t), "public") != 0 &&
			ml_catalog_find(chk->catalog, ML_OBJ_SCHEMA, "", schema_of(t)) == NULL)
			continue;
		ct = ml_catalog_find(chk->catalog, ML_OBJ_TABLE, schema_of(t), name->valuestring);
		if (ct == NULL)
		{
			d = ml_report_at_json(chk, mf, t,
								  "table \"%s\".\"%s\" is in the snapshot, but no migration creates it",
								  schema_of(t), name->valuestring);
			ml_diag_detail(d, "drizzle-kit thinks the table exists, so the next generate will not "
							  "create it, while the migrations never do.");
			ml_diag_hint(d, "Add a migration that creates it, or regenerate the snapshot from the "
							"migrations.");
			continue;
		}
		cJSON_ArrayForEach(c, cols)
		{
			const cJSON *cname = ml_json_member(c, "name");

			if (!cJSON_IsString(cname) || ml_cat_table_column(ct, cname->valuestring) != NULL)
				continue;
			d = ml_report_at_json(chk, mf, c,
								  "column \"%s\" of table \"%s\".\"%s\" is in the snapshot, but no "
								  "migration creates it",
								  cname->valuestring, schema_of(t), name->valuestring);
			ml_diag_detail(d, "drizzle-kit thinks the column exists, so the next generate will "
							  "not add it, while no migration does.");
			ml_diag_hint(d, "Add a migration with ALTER TABLE ... ADD COLUMN IF NOT EXISTS, or "
							"restore the migration that added it.");
		}
	}
}

/* Tables and columns the migrations create that the snapshot does not have. */
static void
migration_side(struct ml_check *chk, const struct ml_meta_file *mf, const cJSON *tables)
{
	size_t it = 0;
	const struct ml_cat_object *ct;

	while ((ct = ml_catalog_next_table(chk->catalog, &it)) != NULL)
	{
		const char *schema = ml_cat_object_schema(ct), *name = ml_cat_object_name(ct);
		const cJSON *t = NULL, *cand, *cols;
		const struct ml_cat_column *cc;
		size_t n;
		struct ml_diag *d;

		cJSON_ArrayForEach(cand, tables)
		{
			const cJSON *tn = ml_json_member(cand, "name");

			if (cJSON_IsString(tn) && strcmp(tn->valuestring, name) == 0 &&
				strcmp(schema_of(cand), schema) == 0)
				t = cand;
		}
		if (t == NULL)
		{
			const struct ml_origin *o = ml_cat_object_origin(ct);

			d = ml_report_at_json(chk, mf, tables,
								  "table \"%s\".\"%s\" created at %s:%u:%u is not in the snapshot",
								  schema, name, o->file, o->line, o->col);
			ml_diag_detail(d, "drizzle-kit does not know the table: if the schema in code "
							  "declares it, the next generate writes CREATE TABLE again, which "
							  "fails.");
			ml_diag_hint(d, "Declare the table in the Drizzle schema and regenerate, or drop it "
							"in a migration if it is not wanted.");
			continue;
		}
		cols = ml_json_member(t, "columns");
		n = ml_cat_table_columns(ct, &cc);
		for (size_t i = 0; i < n; i++)
		{
			if (ml_json_member(cols, cc[i].name) != NULL)
				continue;
			d = ml_report_at_json(chk, mf, t,
								  "column \"%s\" of table \"%s\".\"%s\" (added at %s:%u:%u) is not "
								  "in the snapshot",
								  cc[i].name, schema, name, cc[i].origin.file, cc[i].origin.line,
								  cc[i].origin.col);
			ml_diag_detail(d, "drizzle-kit does not know the column: if the schema in code "
							  "declares it, the next generate adds it again, which fails.");
			ml_diag_hint(d, "Regenerate the snapshot, or drop the column in a migration if it is "
							"not wanted.");
		}
	}
}

/* Entry point: called once per folder. */
static void
check(struct ml_check *chk)
{
	const struct ml_snapshot *s;
	const struct ml_meta_file *mf;
	const cJSON *tables;

	if (chk->folder->kind != ML_FOLDER_DRIZZLE || chk->catalog == NULL ||
		!ml_catalog_exact(chk->catalog) || ml_catalog_total_recreations(chk->catalog) > 0 ||
		(s = newest(chk->meta)) == NULL)
		return;
	mf = ml_snapshot_open(chk->meta, s);
	tables = ml_json_member(mf->json.root, "tables");
	if (!cJSON_IsObject(tables))
		return;
	snapshot_side(chk, mf, tables);
	migration_side(chk, mf, tables);
}

const struct ml_rule ml_rule_snapshot_drift = {
	.name = "snapshot-drift",
	.category = ML_CATEGORY_SNAPSHOT,
	.severity = ML_SEVERITY_WARNING,
	.summary = "the newest snapshot disagrees with the schema the migrations build",
	.why = "drizzle-kit generate diffs the schema in code against the newest snapshot, never "
		   "against the migrations. A table or column the snapshot has and no migration creates "
		   "(or the reverse) makes the next generate write a wrong diff.",
	.fix = "Add the migration that is missing, or regenerate the snapshot so that it describes "
		   "what the migrations build.",
	.bad = "meta/0008_snapshot.json lists posts.view_count; no migration adds it",
	.good = "0008_add_posts_view_count.sql: ALTER TABLE \"posts\" ADD COLUMN \"view_count\" integer;",
	.check_folder = check,
};
