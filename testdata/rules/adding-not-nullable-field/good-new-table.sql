-- SET NOT NULL on a table created in the same migration.
CREATE TABLE IF NOT EXISTS "tags" ("name" text);
ALTER TABLE "tags" ALTER COLUMN "name" SET NOT NULL;
