-- An ignore comment above the statement silences this folder-level rule too.
CREATE TABLE IF NOT EXISTS "users" ("id" serial PRIMARY KEY NOT NULL);
CREATE TABLE IF NOT EXISTS "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer NOT NULL
);
-- miglint-ignore foreign-key-without-index -- users are never deleted
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id");
CREATE TABLE IF NOT EXISTS "tags" ("id" serial PRIMARY KEY NOT NULL, "post_id" integer REFERENCES "posts" ("id")); -- miglint-ignore foreign-key-without-index
