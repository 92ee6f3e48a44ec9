-- Changes to an existing table with no statement_timeout set: reported once, at the first one.
CREATE TABLE IF NOT EXISTS "drafts" ("id" bigint);
ALTER TABLE "drafts" ADD COLUMN IF NOT EXISTS "title" text;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
ALTER TABLE "posts" ADD COLUMN IF NOT EXISTS "summary" text;
