-- Dropping a column of a table created in the same migration.
CREATE TABLE IF NOT EXISTS "drafts" ("id" integer, "scratch" text);
ALTER TABLE "drafts" DROP COLUMN IF EXISTS "scratch";
