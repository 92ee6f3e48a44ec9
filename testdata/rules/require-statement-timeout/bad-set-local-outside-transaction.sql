-- SET LOCAL in a file that does not run in a transaction block has no effect.
SET LOCAL statement_timeout = '2s';
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
