-- A column assigned twice by UPDATE (also through a multi-column SET and a part against
-- the whole), by ON CONFLICT DO UPDATE, in a WITH query and in MERGE; listed twice by INSERT;
-- defined twice by CREATE TABLE, a view's column list and a view's SELECT.
UPDATE "users" SET "status" = 'active', "name" = 'x', "status" = 'verified';
UPDATE "users" SET ("a", "b") = (1, 2), "b" = 3;
UPDATE "users" SET "tags"[1] = 'x', "tags" = '{}';
INSERT INTO "users" ("id", "email", "id") VALUES (1, 'a@b.c', 2);
INSERT INTO "users" ("id") VALUES (1) ON CONFLICT ("id") DO UPDATE SET "seen" = now(), "seen" = now();
WITH "moved" AS (UPDATE "orders" SET "state" = 'x', "state" = 'y' RETURNING "id") SELECT count(*) FROM "moved";
MERGE INTO "stock" USING "deliveries" ON "stock"."item" = "deliveries"."item"
WHEN MATCHED THEN UPDATE SET "qty" = 1, "qty" = 2
WHEN NOT MATCHED THEN INSERT ("item", "item") VALUES (1, 2);
CREATE TABLE IF NOT EXISTS "events" ("id" bigint, "at" timestamptz, "id" text);
CREATE OR REPLACE VIEW "v" ("a", "a") AS SELECT 1, 2;
CREATE OR REPLACE VIEW "w" AS SELECT "u"."id", "p"."id" FROM "users" "u" JOIN "posts" "p" ON true;
