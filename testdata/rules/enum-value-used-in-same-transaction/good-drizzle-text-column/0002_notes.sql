UPDATE "posts" SET "note" = 'archived' WHERE "note" = 'archived';--> statement-breakpoint
INSERT INTO "posts" ("note") VALUES ('archived');--> statement-breakpoint
DELETE FROM "posts" WHERE "id" IN (SELECT "post_id" FROM "logs" WHERE "status" = 'archived');--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "reason" text DEFAULT 'archived';--> statement-breakpoint
SELECT 'archived'::text;--> statement-breakpoint
ALTER TABLE "logs" ALTER COLUMN "status" SET DEFAULT 'archived';