-- The work first, the lock last: the lock is held only for the instant change.
UPDATE "posts" SET "title" = trim("title");
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "nickname" text;
