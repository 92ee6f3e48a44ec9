-- From PostgreSQL 11 a constant DEFAULT is stored in the catalog: no rewrite.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "score" integer DEFAULT 0 NOT NULL;
