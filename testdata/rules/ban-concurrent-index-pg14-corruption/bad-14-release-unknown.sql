-- pgVersion 14 without a release: it may be 14.0 to 14.3.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "users_email_idx" ON "users" ("email");
