-- A drizzle-kit file with CRLF line endings and comments between keywords.
CREATE TYPE "public"."mood" AS ENUM('happy', 'sad');--> statement-breakpoint
CREATE /* a */ TABLE "t" (
	"id" integer
);
--> statement-breakpoint
CREATE INDEX -- why
"t_id_idx" ON "t" USING btree ("id");--> statement-breakpoint
ALTER TABLE "t" ADD COLUMN "n" text;