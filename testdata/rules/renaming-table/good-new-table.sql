-- Renaming a table created in the same migration.
CREATE TABLE IF NOT EXISTS "staging" ("id" int);
ALTER TABLE "staging" RENAME TO "imports";
