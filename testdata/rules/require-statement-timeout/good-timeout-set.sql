-- SET before the first blocking statement; a SET after an unrelated setting.
SET search_path = public;
SET statement_timeout = '5s';
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
ALTER TABLE "users" ALTER COLUMN "bio" SET DEFAULT '';
