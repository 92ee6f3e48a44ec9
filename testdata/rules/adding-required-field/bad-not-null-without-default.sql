-- NOT NULL columns without a value for the existing rows.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "plan" text NOT NULL;
ALTER TABLE users ADD COLUMN IF NOT EXISTS tenant_id integer NOT NULL, ADD COLUMN IF NOT EXISTS note text;
