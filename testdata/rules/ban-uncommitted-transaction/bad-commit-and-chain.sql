-- COMMIT AND CHAIN opens the next transaction at once: it still needs a COMMIT.
BEGIN;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
COMMIT AND CHAIN;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "age" int;
