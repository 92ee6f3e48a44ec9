-- Before PostgreSQL 11 every DEFAULT rewrites the table, a constant one too.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "score" integer DEFAULT 0 NOT NULL;
