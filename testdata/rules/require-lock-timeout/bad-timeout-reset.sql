-- A timeout set and then reset to the server's default.
SET lock_timeout = '2s';
RESET lock_timeout;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
