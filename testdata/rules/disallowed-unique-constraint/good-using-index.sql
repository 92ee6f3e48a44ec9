-- The index was built with CREATE UNIQUE INDEX CONCURRENTLY outside the migration; attaching
-- it takes the lock only for a moment.
DO $$ BEGIN
 ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE USING INDEX "users_email_idx";
EXCEPTION WHEN duplicate_object OR duplicate_table THEN null;
END $$;
