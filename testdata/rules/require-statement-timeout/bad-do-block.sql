-- The first blocking lock hides in a DO block: still without a timeout before it.
DO $$ BEGIN
  ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
END $$;
