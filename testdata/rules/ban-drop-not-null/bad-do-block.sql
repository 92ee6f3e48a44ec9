-- DROP NOT NULL of an existing table inside a DO block.
DO $$ BEGIN
  ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;
END $$;
