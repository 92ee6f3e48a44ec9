-- A table created earlier in the migration is empty and unused: rebuilding it blocks nobody.
CREATE TABLE IF NOT EXISTS "staging" ("id" bigint PRIMARY KEY, "v" text);
CREATE INDEX IF NOT EXISTS "staging_v_idx" ON "staging" ("v");
REINDEX TABLE "staging";
VACUUM (FULL) "staging";
CLUSTER "staging" USING "staging_v_idx";
