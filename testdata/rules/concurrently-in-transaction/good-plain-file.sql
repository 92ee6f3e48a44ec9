-- Outside a Drizzle folder, with no "transaction" setting, the runner is not known to wrap the
-- file in a transaction: CONCURRENTLY is allowed.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");
