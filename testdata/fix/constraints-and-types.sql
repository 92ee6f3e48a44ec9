-- CREATE TYPE and a lone named ADD CONSTRAINT get drizzle-kit's DO guard, with the condition a
-- second run raises (an unnamed constraint has nothing to clash with and is left alone: see
-- the require-if-not-exists cases).
CREATE TYPE "public"."user_role" AS ENUM('owner', 'admin', 'member');
CREATE TYPE address AS (street text, city text);
CREATE TABLE IF NOT EXISTS "users" ("id" integer NOT NULL, "email" text, "age" int);
CREATE TABLE IF NOT EXISTS "posts" ("id" serial PRIMARY KEY, "author_id" integer);
ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY ("id");
ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email");
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
ALTER TYPE "public"."user_role" ADD VALUE 'guest' BEFORE 'member';
