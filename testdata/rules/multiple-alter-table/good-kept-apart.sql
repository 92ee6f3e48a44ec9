-- Statements that stay apart: a backfill between them, VALIDATE CONSTRAINT, ONLY against
-- the whole hierarchy, other tables in between, DO blocks, and a table created here.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "plan" text;
UPDATE "users" SET "plan" = 'free' WHERE "plan" IS NULL;
ALTER TABLE "users" ALTER COLUMN "plan" SET DEFAULT 'free';
ALTER TABLE "users" VALIDATE CONSTRAINT "users_plan_check";
ALTER TABLE "users" ALTER COLUMN "plan" DROP DEFAULT;
ALTER TABLE ONLY "users" ALTER COLUMN "plan" SET DEFAULT 'free';
ALTER TABLE "posts" ADD COLUMN IF NOT EXISTS "summary" text;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
DO $$ BEGIN
 ALTER TABLE "users" ADD CONSTRAINT "users_bio_check" CHECK (length("bio") < 1000) NOT VALID;
EXCEPTION WHEN duplicate_object THEN null;
END $$;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "avatar" text;
CREATE TABLE IF NOT EXISTS "drafts" ("id" bigint);
ALTER TABLE "drafts" ADD COLUMN IF NOT EXISTS "title" text;
ALTER TABLE "drafts" ADD COLUMN IF NOT EXISTS "body" text;
