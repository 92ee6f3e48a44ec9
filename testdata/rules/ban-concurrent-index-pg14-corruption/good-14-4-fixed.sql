-- 14.4 fixed the bug.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");
REINDEX INDEX CONCURRENTLY "posts_slug_idx";
