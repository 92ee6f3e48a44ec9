-- SET before the blocking statement, after an unrelated setting.
SET search_path = public;
SET lock_timeout = '5s';
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
