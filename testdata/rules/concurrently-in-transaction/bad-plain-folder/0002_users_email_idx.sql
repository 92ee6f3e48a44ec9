-- Runners of plain folders (sqlx, Diesel, Flyway) wrap each file in a transaction by default.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_email_idx" ON "users" ("email");
