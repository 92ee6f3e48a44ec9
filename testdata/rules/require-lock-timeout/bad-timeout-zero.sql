-- A timeout of zero is no timeout.
SET lock_timeout = 0;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
