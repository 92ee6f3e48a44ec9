/* SPDX-License-Identifier: MIT */
/*
 * test-catalog.c
 *	  Unit tests for the catalog replay (src/catalog/catalog.c): what exists after a series of
 *	  migrations, and which CREATEs are recorded as recreations.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "miglint/catalog.h"
#include "miglint/source.h"
#include "miglint/sql.h"

/* Replays 'sql' as migration 'n' of 'cat'; the arena keeps the statements alive. */
static void
replay(struct ml_catalog *cat, struct ml_arena *a, size_t n, const char *sql)
{
	struct ml_source *src = NULL;
	struct ml_error err;
	struct ml_file *f = ml_arena_alloc(a, sizeof(*f));
	char name[32];

	snprintf(name, sizeof(name), "%04zu.sql", n);
	ck_assert_int_eq(ml_source_from_bytes(&src, a, sql, strlen(sql), name, &err), 0);
	ml_file_parse(f, a, src, ML_SPLIT_DRIZZLE);
	ml_catalog_begin(cat, n, src);
	for (size_t i = 0; i < f->n_stmts; i++)
		ml_catalog_apply(cat, &f->stmts[i]);
}

START_TEST(catalog_tracks_tables_columns_renames_and_drops)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const struct ml_cat_object *t;

	replay(cat, a, 0, "CREATE TABLE \"users\" (\"id\" serial PRIMARY KEY, \"name\" text);");
	replay(cat, a, 1, "ALTER TABLE users ADD COLUMN bio text;\n"
					  "ALTER TABLE users RENAME COLUMN name TO display_name;\n"
					  "ALTER TABLE users DROP COLUMN bio;");
	t = ml_catalog_find(cat, ML_OBJ_TABLE, NULL, "users");
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(ml_cat_table_column(t, "display_name"));
	ck_assert_ptr_null(ml_cat_table_column(t, "name"));
	ck_assert_ptr_null(ml_cat_table_column(t, "bio"));
	/* serial made a sequence; the primary key made an index. */
	ck_assert_ptr_nonnull(ml_catalog_find(cat, ML_OBJ_SEQUENCE, "public", "users_id_seq"));
	ck_assert_ptr_nonnull(ml_catalog_find(cat, ML_OBJ_INDEX, "public", "users_pkey"));
	replay(cat, a, 2, "ALTER TABLE users RENAME TO accounts; CREATE SCHEMA app;\n"
					  "ALTER TABLE accounts SET SCHEMA app;");
	ck_assert_ptr_null(ml_catalog_find(cat, ML_OBJ_TABLE, NULL, "users"));
	ck_assert_ptr_nonnull(ml_catalog_find(cat, ML_OBJ_TABLE, "app", "accounts"));
	replay(cat, a, 3, "DROP TABLE app.accounts;");
	ck_assert_ptr_null(ml_catalog_find(cat, ML_OBJ_TABLE, "app", "accounts"));
	ck_assert_ptr_null(ml_catalog_find(cat, ML_OBJ_SEQUENCE, "public", "users_id_seq"));
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_records_recreations_with_their_origin)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const struct ml_recreation *r;
	size_t n;

	replay(cat, a, 0, "CREATE TYPE \"role\" AS ENUM ('a');\n\nCREATE TABLE \"t\" (\"id\" int);");
	replay(cat, a, 1, "CREATE TABLE \"t\" (\"id\" int);--> statement-breakpoint\n"
					  "CREATE TABLE IF NOT EXISTS \"t\" (\"id\" int);--> statement-breakpoint\n"
					  "CREATE TABLE IF NOT EXISTS \"t\" (\"id\" bigint);");
	r = ml_catalog_recreations(cat, &n);
	/* The bare one fails; IF NOT EXISTS of the same definition is the idempotent style and is
	 * not recorded; of another definition it silently loses it. */
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(r[0].kind, ML_OBJ_TABLE);
	ck_assert_str_eq(r[0].name, "\"public\".\"t\"");
	ck_assert(!r[0].if_not_exists);
	ck_assert_uint_eq(r[0].first.migration, 0);
	ck_assert_uint_eq(r[0].first.line, 3);
	ck_assert(r[1].if_not_exists);
	ck_assert_uint_eq(ml_catalog_count_before(cat, ML_OBJ_TABLE), 1);
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_drop_then_create_is_no_recreation)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	size_t n;

	replay(cat, a, 0, "CREATE TABLE t (id int); CREATE INDEX t_id ON t (id);");
	replay(cat, a, 1, "DROP TABLE t; CREATE TABLE t (id int); CREATE INDEX t_id ON t (id);");
	ml_catalog_recreations(cat, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert(!ml_catalog_is_recreation(cat));
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_full_recreation_threshold)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();

	replay(cat, a, 0, "CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int);"
					  "CREATE TABLE d (id int); CREATE TABLE e (id int);");
	replay(cat, a, 1, "CREATE TABLE a (id int); CREATE TABLE b (id int);");
	ck_assert(!ml_catalog_is_recreation(cat)); /* 2 of 5 */
	replay(cat, a, 2, "CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int);");
	ck_assert(ml_catalog_is_recreation(cat)); /* 3 tables */
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_follows_search_path_and_do_guards)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const struct ml_recreation *r;
	size_t n;

	replay(cat, a, 0, "CREATE SCHEMA billing; SET search_path TO billing, public;\n"
					  "CREATE TABLE invoices (id int); CREATE TYPE state AS ENUM ('open');");
	ck_assert_ptr_nonnull(ml_catalog_find(cat, ML_OBJ_TABLE, "billing", "invoices"));
	replay(cat, a, 1, "DO $$ BEGIN CREATE TYPE billing.state AS ENUM ('open', 'paid');\n"
					  "EXCEPTION WHEN duplicate_object THEN null; END $$;");
	r = ml_catalog_recreations(cat, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert(r[0].if_not_exists); /* guarded: it silently does nothing */
	ck_assert_str_eq(r[0].name, "\"billing\".\"state\"");
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_keeps_enum_values_in_order)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const struct ml_cat_object *t;
	const char *const *v;
	size_t n;

	replay(cat, a, 0, "CREATE TYPE \"public\".\"currency\" AS ENUM('usd', 'eur', 'gbp');");
	replay(cat, a, 1, "ALTER TYPE \"public\".\"currency\" ADD VALUE 'chf' BEFORE 'gbp';\n"
					  "ALTER TYPE currency ADD VALUE IF NOT EXISTS 'usd';\n"
					  "ALTER TYPE currency RENAME VALUE 'eur' TO 'euro';");
	t = ml_catalog_find(cat, ML_OBJ_TYPE, NULL, "currency");
	ck_assert_ptr_nonnull(t);
	ck_assert(ml_catalog_existed_before(cat, t));
	n = ml_cat_enum_values(t, &v);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(v[0], "usd");
	ck_assert_str_eq(v[1], "euro");
	ck_assert_str_eq(v[2], "chf");
	ck_assert_str_eq(v[3], "gbp");
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_records_enum_additions_and_transactions)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const struct ml_cat_object *t, *users;
	const struct ml_enum_addition *ad, *renamed;
	const struct ml_cat_column *col;
	struct ml_tx_pos now;

	ck_assert_ptr_null(ml_catalog_last_enum_addition(cat));
	replay(cat, a, 0, "CREATE TYPE \"status\" AS ENUM('a', 'b');\n"
					  "CREATE TABLE \"users\" (\"id\" int, \"s\" \"status\", \"t\" text,"
					  " \"l\" \"status\"[]);");
	t = ml_catalog_find(cat, ML_OBJ_TYPE, NULL, "status");
	users = ml_catalog_find(cat, ML_OBJ_TABLE, NULL, "users");
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(users);
	/* Columns know the catalog type they were declared with; arrays and text do not. */
	ck_assert_ptr_eq(ml_cat_table_column(users, "s")->type_obj, t);
	ck_assert_ptr_null(ml_cat_table_column(users, "t")->type_obj);
	ck_assert_ptr_null(ml_cat_table_column(users, "l")->type_obj);
	ck_assert_ptr_null(ml_cat_enum_value_added(t, "a"));
	replay(cat, a, 1, "SELECT 1;\nALTER TYPE status ADD VALUE 'c' BEFORE 'b';\n"
					  "ALTER TYPE status RENAME VALUE 'c' TO 'd';\n"
					  "ALTER TABLE users DROP COLUMN id;");
	ck_assert_ptr_null(ml_cat_enum_value_added(t, "c"));
	renamed = ml_cat_enum_value_added(t, "d");
	ck_assert_ptr_nonnull(renamed);
	ck_assert_ptr_eq(renamed, ml_catalog_last_enum_addition(cat));
	ck_assert_uint_eq(renamed->tx.migration, 1);
	ck_assert_uint_eq(renamed->origin.line, 2);
	ck_assert_str_eq(renamed->origin.file, "0001.sql");
	ck_assert_uint_eq(renamed->tx.epoch, 0);
	ck_assert(renamed->tx.file_first);
	ck_assert(!renamed->tx.block);
	ck_assert_uint_eq(renamed->type_tx.migration, 0);
	/* DROP COLUMN keeps the other columns in order. */
	{
		const struct ml_cat_column *cols;

		ck_assert_uint_eq(ml_cat_table_columns(users, &cols), 3);
		ck_assert_str_eq(cols[0].name, "s");
		ck_assert_str_eq(cols[1].name, "t");
	}
	/* COMMIT ends the transaction; BEGIN opens a block that the next COMMIT ends. */
	replay(cat, a, 2, "COMMIT;\nBEGIN;\nALTER TYPE status ADD VALUE 'e';\n"
					  "DO $$ BEGIN COMMIT; END $$;");
	ad = ml_cat_enum_value_added(t, "e");
	ck_assert_ptr_nonnull(ad);
	ck_assert_uint_eq(ad->tx.epoch, 1);
	ck_assert(!ad->tx.file_first);
	ck_assert(ad->tx.block);
	now = ml_catalog_tx_now(cat);
	ck_assert_uint_eq(now.epoch, 1);
	ck_assert(now.block);
	replay(cat, a, 3, "COMMIT AND CHAIN;\nCREATE TYPE mood AS ENUM ('x');\n"
					  "ALTER TYPE mood ADD VALUE 'y';\nROLLBACK;");
	ad = ml_cat_enum_value_added(ml_catalog_find(cat, ML_OBJ_TYPE, NULL, "mood"), "y");
	ck_assert_ptr_nonnull(ad);
	ck_assert_uint_eq(ad->tx.epoch, 2);
	ck_assert(ad->tx.block);
	ck_assert_uint_eq(ad->type_tx.epoch, 2);
	ck_assert_uint_eq(ad->type_tx.migration, 3);
	now = ml_catalog_tx_now(cat);
	ck_assert_uint_eq(now.epoch, 3);
	ck_assert(!now.block);
	ck_assert(!now.file_first);
	/* A dropped type answers nothing; a column keeps its type across a rename of the type. */
	replay(cat, a, 4, "ALTER TYPE status RENAME TO state;\nDROP TYPE mood;");
	col = ml_cat_table_column(users, "s");
	ck_assert_ptr_eq(col->type_obj, t);
	ck_assert_ptr_nonnull(ml_cat_enum_value_added(col->type_obj, "d"));
	ck_assert_ptr_null(ml_catalog_find(cat, ML_OBJ_TYPE, NULL, "mood"));
	ck_assert(ml_catalog_tx_now(cat).file_first);
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

/* The covering index of 'table' for columns 'a' (and 'b' when not NULL), or NULL. */
static const struct ml_cat_object *
covering(struct ml_catalog *cat, const char *table, const char *a, const char *b)
{
	const char *cols[2] = {a, b};
	const struct ml_cat_object *t = ml_catalog_find(cat, ML_OBJ_TABLE, NULL, table);

	ck_assert_ptr_nonnull(t);
	return ml_cat_table_covering_index(t, cols, b ? 2 : 1);
}

/* The table's FOREIGN KEY named 'name', or NULL. */
static const struct ml_cat_constraint *
foreign_key(struct ml_catalog *cat, const char *table, const char *name)
{
	const struct ml_cat_object *t = ml_catalog_find(cat, ML_OBJ_TABLE, NULL, table);
	const struct ml_cat_constraint *c;
	size_t n = ml_cat_table_constraints(t, &c);

	for (size_t i = 0; i < n; i++)
		if (c[i].type == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN && strcmp(c[i].name, name) == 0)
			return &c[i];
	return NULL;
}

START_TEST(catalog_keeps_index_keys_partial_and_method)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const struct ml_cat_object *i;
	const char *const *k;

	replay(cat, a, 0, "CREATE TABLE t (a int, b int, c int, d text);\n"
					  "CREATE INDEX t_ba ON t (b, a, c) INCLUDE (d);\n"
					  "CREATE INDEX t_expr ON t (lower(d), a) WHERE a > 0;\n"
					  "CREATE INDEX t_gin ON t USING gin (d);\n"
					  "CREATE INDEX ON t (c);\nCREATE INDEX ON t (c);\n"
					  "CREATE TABLE u (x int);\nCREATE UNIQUE INDEX ON u (x);");
	i = ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "t_ba");
	ck_assert_uint_eq(ml_cat_index_keys(i, &k), 3);
	ck_assert_str_eq(k[0], "b");
	ck_assert_str_eq(k[2], "c");
	ck_assert(!ml_cat_index_partial(i));
	ck_assert_str_eq(ml_cat_index_method(i), "btree");
	i = ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "t_expr");
	ck_assert_uint_eq(ml_cat_index_keys(i, &k), 2);
	ck_assert_ptr_null(k[0]);
	ck_assert(ml_cat_index_partial(i));
	ck_assert_str_eq(ml_cat_index_method(ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "t_gin")), "gin");
	/* Unnamed indexes get PostgreSQL's names. */
	ck_assert_ptr_nonnull(ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "t_c_idx"));
	ck_assert_ptr_nonnull(ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "t_c_idx1"));
	/* A unique index is an index too: "key" names only constraints. */
	ck_assert_ptr_nonnull(ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "u_x_idx"));
	ck_assert_ptr_null(ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "u_x_key"));
	/* Leading keys in any order cover; a longer prefix, a partial index, gin do not. */
	ck_assert_ptr_eq(covering(cat, "t", "a", "b"), ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "t_ba"));
	ck_assert_ptr_nonnull(covering(cat, "t", "b", NULL));
	ck_assert_ptr_null(covering(cat, "t", "a", NULL));
	ck_assert_ptr_null(covering(cat, "t", "a", "c"));
	ck_assert_ptr_null(covering(cat, "t", "d", NULL));
	replay(cat, a, 1, "DROP INDEX t_ba;");
	ck_assert_ptr_null(covering(cat, "t", "a", "b"));
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_keeps_foreign_keys_and_constraint_indexes)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const struct ml_cat_constraint *fk;
	const char *sql =
		"CREATE TABLE users (id int PRIMARY KEY, org int, UNIQUE (org, id));\n"
		"CREATE TABLE posts (id int PRIMARY KEY, author int REFERENCES users,\n"
		"  org int, FOREIGN KEY (org, author) REFERENCES users (org, id) ON DELETE CASCADE);";

	replay(cat, a, 0, sql);
	ck_assert_ptr_nonnull(covering(cat, "users", "id", NULL));
	ck_assert_ptr_nonnull(covering(cat, "users", "id", "org"));
	ck_assert_ptr_nonnull(covering(cat, "posts", "id", NULL));
	fk = foreign_key(cat, "posts", "posts_author_fkey");
	ck_assert_ptr_nonnull(fk);
	ck_assert_uint_eq(fk->n_columns, 1);
	ck_assert_str_eq(fk->columns[0], "author");
	ck_assert_str_eq(fk->ref_name, "users");
	ck_assert_ptr_eq(fk->ref, ml_catalog_find(cat, ML_OBJ_TABLE, NULL, "users"));
	ck_assert_int_eq(fk->on_delete, 'a');
	/* Where the constraint is written: at REFERENCES. */
	ck_assert_uint_eq(fk->origin.start, (size_t) (strstr(sql, "REFERENCES") - sql));
	ck_assert_uint_eq(fk->origin.end, fk->origin.start + strlen("REFERENCES"));
	fk = foreign_key(cat, "posts", "posts_org_author_fkey");
	ck_assert_ptr_nonnull(fk);
	ck_assert_uint_eq(fk->n_columns, 2);
	ck_assert_str_eq(fk->columns[1], "author");
	ck_assert_int_eq(fk->on_delete, 'c');
	/* Renames follow into indexes and foreign keys; dropped columns take theirs along. */
	replay(cat, a, 1, "CREATE INDEX ON posts (author);\n"
					  "ALTER TABLE posts RENAME COLUMN author TO writer;");
	ck_assert_str_eq(foreign_key(cat, "posts", "posts_author_fkey")->columns[0], "writer");
	ck_assert_ptr_nonnull(covering(cat, "posts", "writer", NULL));
	replay(cat, a, 2, "ALTER TABLE posts DROP COLUMN writer;");
	ck_assert_ptr_null(covering(cat, "posts", "writer", NULL));
	ck_assert_ptr_null(foreign_key(cat, "posts", "posts_author_fkey"));
	ck_assert_ptr_null(foreign_key(cat, "posts", "posts_org_author_fkey"));
	ck_assert_ptr_null(ml_catalog_find(cat, ML_OBJ_INDEX, NULL, "posts_author_idx"));
	/* A dropped referenced table takes the foreign keys to it along (CASCADE). */
	replay(cat, a, 3, "ALTER TABLE posts ADD COLUMN uid int REFERENCES users (id);\n"
					  "DROP TABLE users CASCADE;");
	ck_assert_ptr_null(foreign_key(cat, "posts", "posts_uid_fkey"));
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

START_TEST(catalog_places_foreign_keys_in_do_blocks)
{
	struct ml_catalog *cat = ml_catalog_create();
	struct ml_arena *a = ml_arena_create();
	const char *sql = "CREATE TABLE users (id int PRIMARY KEY);\n"
					  "CREATE TABLE posts (id int, author_id int);\n"
					  "DO $$ BEGIN\n ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_fk\" FOREIGN KEY "
					  "(\"author_id\") REFERENCES \"users\"(\"id\");\n"
					  "EXCEPTION WHEN duplicate_object THEN null; END $$;";
	const struct ml_cat_constraint *fk;
	const char *at = strstr(sql, "CONSTRAINT");

	replay(cat, a, 0, sql);
	fk = foreign_key(cat, "posts", "posts_fk");
	ck_assert_ptr_nonnull(fk);
	ck_assert_uint_eq(fk->origin.start, (size_t) (at - sql));
	ck_assert_uint_eq(fk->origin.end, (size_t) (strstr(at, "KEY") + 3 - sql));
	ck_assert_uint_eq(fk->origin.line, 4);
	ck_assert_uint_eq(fk->origin.col, 2);
	ml_catalog_destroy(cat);
	ml_arena_destroy(a);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("catalog");
	TCase *tc = tcase_create("ml_catalog_apply");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, catalog_tracks_tables_columns_renames_and_drops);
	tcase_add_test(tc, catalog_records_recreations_with_their_origin);
	tcase_add_test(tc, catalog_drop_then_create_is_no_recreation);
	tcase_add_test(tc, catalog_full_recreation_threshold);
	tcase_add_test(tc, catalog_follows_search_path_and_do_guards);
	tcase_add_test(tc, catalog_keeps_enum_values_in_order);
	tcase_add_test(tc, catalog_records_enum_additions_and_transactions);
	tcase_add_test(tc, catalog_keeps_index_keys_partial_and_method);
	tcase_add_test(tc, catalog_keeps_foreign_keys_and_constraint_indexes);
	tcase_add_test(tc, catalog_places_foreign_keys_in_do_blocks);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
