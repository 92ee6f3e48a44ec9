BEGIN;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "nickname" text;
COMMIT;
-- The lock was released at COMMIT.
UPDATE "users" SET "nickname" = "name";
