-- A type change of an existing table inside a DO block.
DO $$ BEGIN
  ALTER TABLE "users" ALTER COLUMN "age" SET DATA TYPE bigint;
END $$;
