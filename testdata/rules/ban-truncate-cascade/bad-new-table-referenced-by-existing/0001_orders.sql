CREATE TABLE IF NOT EXISTS "orders" ("id" bigint PRIMARY KEY, "staging_id" bigint);
CREATE INDEX IF NOT EXISTS "orders_staging_id_idx" ON "orders" ("staging_id");
