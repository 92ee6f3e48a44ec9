-- no-transaction
-- sqlx runs a file that opens with this directive outside a transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_email_idx" ON "users" ("email");
