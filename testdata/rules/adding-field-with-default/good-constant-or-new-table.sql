-- miglint-ignore-file multiple-alter-table -- one column per statement, on purpose
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "score" integer DEFAULT 0 NOT NULL;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "created" timestamp with time zone DEFAULT now();
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "label" text DEFAULT lower('X');
CREATE TABLE IF NOT EXISTS "t" ("id" int);
ALTER TABLE "t" ADD COLUMN IF NOT EXISTS "token" uuid DEFAULT gen_random_uuid();
