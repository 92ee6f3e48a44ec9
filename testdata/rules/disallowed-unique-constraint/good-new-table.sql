-- A table this migration created is empty: its unique constraints build in no time.
CREATE TABLE IF NOT EXISTS "accounts" ("id" bigint PRIMARY KEY, "email" text);
DO $$ BEGIN
 ALTER TABLE "accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE ("email");
EXCEPTION WHEN duplicate_object OR duplicate_table THEN null;
END $$;
ALTER TABLE "accounts" ADD COLUMN IF NOT EXISTS "handle" text UNIQUE;
