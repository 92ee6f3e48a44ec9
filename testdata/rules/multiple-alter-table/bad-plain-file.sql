-- Runs of ALTER TABLE on one existing table in a file without a transaction: each statement
-- waits for the lock again. SET between them does not break a run.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
SET search_path = public;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "avatar" text;
ALTER TABLE "posts" ALTER COLUMN "title" SET DEFAULT '';
ALTER TABLE "posts" ALTER COLUMN "body" SET DEFAULT '';
ALTER TABLE "posts" ALTER COLUMN "slug" DROP DEFAULT;
