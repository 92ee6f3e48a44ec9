-- The runner wraps the file in one transaction: the DO block does work while the lock is held.
ALTER TABLE "users" DROP COLUMN IF EXISTS "legacy";
-- A DO block that does work counts once, and the finding points at the DO.
DO $$ BEGIN
  UPDATE "posts" SET "slug" = lower("slug");
  UPDATE "posts" SET "title" = trim("title");
END $$;
