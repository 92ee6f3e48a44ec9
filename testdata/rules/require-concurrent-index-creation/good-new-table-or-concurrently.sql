-- An index on a table created earlier in the same migration is harmless; CONCURRENTLY is fine.
CREATE TABLE IF NOT EXISTS "tags" ("id" serial PRIMARY KEY, "name" text);
CREATE INDEX IF NOT EXISTS "tags_name_idx" ON "tags" ("name");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");
