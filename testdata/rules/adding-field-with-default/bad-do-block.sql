-- A rewriting ADD COLUMN hidden in a DO block is found too.
DO $$ BEGIN
  ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "token" uuid DEFAULT gen_random_uuid();
END $$;
