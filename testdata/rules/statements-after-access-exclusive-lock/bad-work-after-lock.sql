-- The runner wraps the file in one transaction: the lock on "users" lasts until its end.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "nickname" text;
-- Catalog-only changes take no time, and SET neither: not counted.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "city" text;
SET lock_timeout = '5s';
-- These do work while the lock is held.
UPDATE "posts" SET "title" = trim("title");
CREATE INDEX IF NOT EXISTS "posts_title_idx" ON "posts" ("title");
ALTER TABLE "orders" ALTER COLUMN "total" SET NOT NULL;
