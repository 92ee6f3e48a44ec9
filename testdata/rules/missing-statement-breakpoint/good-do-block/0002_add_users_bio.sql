DO $$ BEGIN
 ALTER TABLE "users" ADD COLUMN "bio" text;
 UPDATE "users" SET "bio" = '';
EXCEPTION WHEN duplicate_column THEN null;
END $$;