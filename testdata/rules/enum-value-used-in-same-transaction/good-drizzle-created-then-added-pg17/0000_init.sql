CREATE TYPE "public"."status" AS ENUM('draft');--> statement-breakpoint
ALTER TYPE "public"."status" ADD VALUE 'published';--> statement-breakpoint
CREATE TABLE "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" "status" DEFAULT 'published' NOT NULL
);
