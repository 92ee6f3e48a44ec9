-- A timeout set and then reset to the server's default.
SET statement_timeout = '2s';
RESET statement_timeout;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
