-- CONCURRENTLY cannot run inside a DO block at all (it fails there), so no index is built concurrently.
DO $$ BEGIN
  CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");
END $$;
