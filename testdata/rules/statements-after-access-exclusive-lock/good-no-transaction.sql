-- Without a transaction (the default for plain files) each statement commits on its own.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "nickname" text;
UPDATE "users" SET "nickname" = "name";
