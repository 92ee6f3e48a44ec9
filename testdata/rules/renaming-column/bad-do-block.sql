-- RENAME COLUMN of an existing table inside a DO block.
DO $$ BEGIN
  ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
EXCEPTION
  WHEN undefined_column THEN null;
END $$;
