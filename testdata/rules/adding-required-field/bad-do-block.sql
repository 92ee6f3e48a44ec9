-- ADD COLUMN ... NOT NULL without a default inside a DO block fails the same way.
DO $$ BEGIN
  ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "tenant_id" bigint NOT NULL;
END $$;
