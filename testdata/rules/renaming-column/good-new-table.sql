-- Renaming a column of a table created in the same migration breaks no running code.
CREATE TABLE IF NOT EXISTS "drafts" ("title" text);
ALTER TABLE "drafts" RENAME COLUMN "title" TO "headline";
