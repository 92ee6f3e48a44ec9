-- USING INDEX an index built CONCURRENTLY, and primary keys of tables this migration created.
DO $$ BEGIN
 ALTER TABLE "accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY USING INDEX "accounts_id_idx";
EXCEPTION WHEN invalid_table_definition THEN null;
END $$;
CREATE TABLE IF NOT EXISTS "sessions" ("token" text NOT NULL);
DO $$ BEGIN
 ALTER TABLE "sessions" ADD PRIMARY KEY ("token");
EXCEPTION WHEN invalid_table_definition THEN null;
END $$;
CREATE TABLE IF NOT EXISTS "devices" ("name" text);
ALTER TABLE "devices" ADD COLUMN IF NOT EXISTS "id" bigint PRIMARY KEY;
