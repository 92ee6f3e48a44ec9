-- RENAME of an existing table inside a DO block.
DO $$ BEGIN
  ALTER TABLE "accounts" RENAME TO "customers";
EXCEPTION
  WHEN undefined_table THEN null;
END $$;
