-- Tables created in this migration, and locks that do not block reads or writes.
CREATE TABLE IF NOT EXISTS "authors" ("id" bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS "books" ("id" bigint PRIMARY KEY, "author_id" bigint REFERENCES "authors" ("id"));
ALTER TABLE "books" ADD COLUMN IF NOT EXISTS "title" text;
CREATE INDEX IF NOT EXISTS "books_title_idx" ON "books" ("title");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_email_idx" ON "users" ("email");
ALTER TABLE "users" VALIDATE CONSTRAINT "users_email_check";
