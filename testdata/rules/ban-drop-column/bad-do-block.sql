-- DROP COLUMN of an existing table inside a DO block.
DO $$ BEGIN
  ALTER TABLE "users" DROP COLUMN IF EXISTS "legacy";
END $$;
