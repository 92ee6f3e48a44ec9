-- An explicit transaction ends at COMMIT, and its lock with it.
BEGIN;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "nickname" text;
COMMIT;
-- The lock was released at COMMIT.
UPDATE "users" SET "nickname" = "name";
