-- SET LOCAL inside the file's own transaction block.
BEGIN;
SET LOCAL statement_timeout = '5s';
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
COMMIT;
