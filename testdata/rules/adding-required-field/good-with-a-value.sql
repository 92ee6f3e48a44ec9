-- miglint-ignore-file adding-field-with-default
-- miglint-ignore-file multiple-alter-table -- one column per statement, on purpose
-- (serial, identity and generated columns rewrite the table: another rule's concern)
-- A DEFAULT, serial, identity or generated column has a value; a new table has no rows.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "plan" text DEFAULT 'free' NOT NULL;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "seq" serial NOT NULL;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "n" bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "slug" text GENERATED ALWAYS AS (lower("name")) STORED NOT NULL;
CREATE TABLE IF NOT EXISTS "tags" ("id" integer);
ALTER TABLE "tags" ADD COLUMN IF NOT EXISTS "name" text NOT NULL;
