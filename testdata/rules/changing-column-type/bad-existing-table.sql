-- A type change on an existing table.
ALTER TABLE "audit_log" ALTER COLUMN "entity_id" SET DATA TYPE varchar(64);
