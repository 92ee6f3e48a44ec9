-- set_config() with constant arguments sets it too.
SELECT set_config('lock_timeout', '5s', false);
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "bio" text;
