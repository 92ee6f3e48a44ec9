-- SET NOT NULL inside a DO block scans the table just the same.
DO $$ BEGIN
  ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;
END $$;
