ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "avatar" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "city" text;