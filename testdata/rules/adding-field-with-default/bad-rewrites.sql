ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "token" uuid DEFAULT gen_random_uuid();
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "seq" bigserial;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "joined" text DEFAULT coalesce(NULL, (clock_timestamp())::text);
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "email_lower" text GENERATED ALWAYS AS (lower("email")) STORED;
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "n" bigint GENERATED ALWAYS AS IDENTITY;
