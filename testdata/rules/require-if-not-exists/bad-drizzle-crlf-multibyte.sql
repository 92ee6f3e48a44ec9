-- A drizzle-kit file with CRLF line endings, tabs, multi-byte names and a comment first.
/* generated */
CREATE TABLE "café" (
	"id" serial PRIMARY KEY NOT NULL,
	"naïve" text
);
--> statement-breakpoint
	CREATE INDEX "café_naïve_idx" ON "café" USING btree ("naïve");--> statement-breakpoint
ALTER TABLE "café" ADD COLUMN "ünïcode" text;