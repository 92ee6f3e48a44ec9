ALTER TYPE "public"."status" ADD VALUE 'archived' BEFORE 'published';--> statement-breakpoint
UPDATE "posts" SET "status" = 'archived' WHERE "status" = 'draft' AND "note" = 'old';