-- ADD COLUMN and DROP COLUMN / CONSTRAINT, with and without the COLUMN keyword, next to
-- commands that are not changed (DROP DEFAULT, DROP NOT NULL).
CREATE TABLE IF NOT EXISTS "users" ("id" serial PRIMARY KEY, "name" text DEFAULT 'x' NOT NULL, "legacy" text, "old" int, "title" text);
ALTER TABLE IF EXISTS "users" ADD CONSTRAINT "users_name_check" CHECK (length("name") > 0) NOT VALID;
ALTER TABLE "users" ADD COLUMN "bio" text;
ALTER TABLE users ADD nickname varchar(40), ALTER COLUMN name DROP DEFAULT, ALTER COLUMN name DROP NOT NULL;
ALTER TABLE "users" DROP COLUMN "legacy", DROP old, DROP CONSTRAINT "users_name_check";
ALTER TABLE "users" RENAME COLUMN "title" TO "headline";
