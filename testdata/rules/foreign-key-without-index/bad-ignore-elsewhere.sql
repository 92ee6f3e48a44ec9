-- The ignore comment covers another statement, so the foreign key is still reported.
CREATE TABLE IF NOT EXISTS "users" ("id" serial PRIMARY KEY NOT NULL);
-- miglint-ignore foreign-key-without-index
CREATE TABLE IF NOT EXISTS "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer NOT NULL
);
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id");
