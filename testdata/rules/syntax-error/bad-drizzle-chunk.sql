-- Drizzle breakpoints: the error is in the second chunk, reported at its place in the file.
CREATE TABLE IF NOT EXISTS "a" ("id" int);
--> statement-breakpoint
ALTER TABLE "a" ADD COLUMN IF NOT EXISTS "b" int NOT NUL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "a_b_idx" ON "a" ("b");