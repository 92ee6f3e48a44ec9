-- Every kind of blocking statement, on tables and views this migration created.
-- The lock rules know these objects are new: nothing here is reported.
CREATE TABLE IF NOT EXISTS "staging" ("id" bigint PRIMARY KEY, "v" text);
CREATE MATERIALIZED VIEW IF NOT EXISTS "staging_summary" AS SELECT count(*) AS "n" FROM "staging";
CREATE INDEX IF NOT EXISTS "staging_v_idx" ON "staging" ("v");
CREATE OR REPLACE TRIGGER "staging_touch" BEFORE UPDATE ON "staging" FOR EACH ROW EXECUTE FUNCTION "touch"();
CREATE POLICY "staging_read" ON "staging" FOR SELECT USING (true);
LOCK TABLE "staging" IN ACCESS EXCLUSIVE MODE;
TRUNCATE "staging";
REINDEX TABLE "staging";
CLUSTER "staging" USING "staging_v_idx";
VACUUM (FULL) "staging";
REFRESH MATERIALIZED VIEW "staging_summary";
ALTER TABLE "staging" RENAME COLUMN "v" TO "value";
DROP INDEX IF EXISTS "staging_v_idx";
DROP MATERIALIZED VIEW IF EXISTS "staging_summary";
DROP TABLE IF EXISTS "staging";
