ALTER TABLE "users" ALTER COLUMN "bio" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "bio" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE text;