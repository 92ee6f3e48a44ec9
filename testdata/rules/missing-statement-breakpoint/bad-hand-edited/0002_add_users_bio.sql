ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
UPDATE "users" SET "bio" = '' WHERE "bio" IS NULL;