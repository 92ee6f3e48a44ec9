-- Each column once; several parts of one array or composite column; names PostgreSQL makes
-- up for expressions are not guessed; the same column in different statements.
UPDATE "users" SET "status" = 'verified', "name" = 'x';
UPDATE "users" SET "tags"[1] = 'a', "tags"[2] = 'b';
UPDATE "users" SET "addr"."city" = 'x', "addr"."zip" = 'y';
INSERT INTO "users" ("id", "email") VALUES (1, 'a@b.c') ON CONFLICT ("id") DO UPDATE SET "email" = excluded."email";
INSERT INTO "users" ("pts"[1], "pts"[2]) VALUES (1, 2);
CREATE TABLE IF NOT EXISTS "events" ("id" bigint, "at" timestamptz);
CREATE OR REPLACE VIEW "v" ("a", "b") AS SELECT 1, 2;
CREATE OR REPLACE VIEW "w" AS SELECT "u"."id", "p"."id" AS "post_id", lower("u"."name"), lower("p"."name") FROM "users" "u" JOIN "posts" "p" ON true;
UPDATE "users" SET "status" = 'active';
