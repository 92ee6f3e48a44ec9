-- ADD COLUMN without IF NOT EXISTS; one ALTER TABLE with two commands, one of them guarded.
ALTER TABLE "users" ADD COLUMN "bio" text;
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text, ADD avatar_url text;
