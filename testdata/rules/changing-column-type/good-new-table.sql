-- A type change on a table created in the same migration.
CREATE TABLE IF NOT EXISTS "audit_log" ("entity_id" text);
ALTER TABLE "audit_log" ALTER COLUMN "entity_id" SET DATA TYPE varchar(64);
