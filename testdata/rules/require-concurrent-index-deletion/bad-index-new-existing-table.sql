-- An index created in this migration on a table that existed before: the drop still locks it.
CREATE INDEX IF NOT EXISTS "users_email_idx" ON "users" ("email");
DROP INDEX IF EXISTS "users_email_idx";
-- Of two indexes, only the one on an existing table is named.
CREATE TABLE IF NOT EXISTS "drafts" ("id" bigint PRIMARY KEY, "slug" text);
CREATE INDEX IF NOT EXISTS "drafts_slug_idx" ON "drafts" ("slug");
DROP INDEX IF EXISTS "drafts_slug_idx", "posts_slug_idx";
