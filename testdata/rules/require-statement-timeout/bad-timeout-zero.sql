-- A timeout of zero is no timeout.
SET statement_timeout = 0;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
