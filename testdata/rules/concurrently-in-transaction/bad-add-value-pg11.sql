-- Before PostgreSQL 12, ADD VALUE cannot run in a transaction block...
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'archived';
-- ...unless the type was created in the same transaction.
DO $$ BEGIN
 CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
ALTER TYPE "public"."mood" ADD VALUE IF NOT EXISTS 'happy';
-- RENAME VALUE is allowed in a transaction block.
ALTER TYPE "status" RENAME VALUE 'old' TO 'legacy';
