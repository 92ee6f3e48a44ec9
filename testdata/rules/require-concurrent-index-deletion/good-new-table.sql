-- The index's table was created in this migration: nothing uses it yet.
CREATE TABLE IF NOT EXISTS "drafts" ("id" bigint PRIMARY KEY, "slug" text);
CREATE INDEX IF NOT EXISTS "drafts_slug_idx" ON "drafts" ("slug");
DROP INDEX IF EXISTS "drafts_slug_idx";
-- The index behind a constraint of the new table too.
DROP INDEX IF EXISTS "drafts_pkey";
