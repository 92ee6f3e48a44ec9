-- RENAME VALUE inside a DO block.
DO $$ BEGIN
  ALTER TYPE "status" RENAME VALUE 'old' TO 'legacy';
END $$;
