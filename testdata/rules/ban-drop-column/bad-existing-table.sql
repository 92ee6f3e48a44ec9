-- Dropping a column of an existing table.
ALTER TABLE "users" DROP COLUMN IF EXISTS "bio";
