-- PostgreSQL 14.2: concurrent builds can miss rows updated during the build.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");
REINDEX INDEX CONCURRENTLY "posts_slug_idx";
-- Not concurrent: no corruption (other rules judge the lock).
REINDEX (VERBOSE) INDEX "posts_body_idx";
