-- A foreign key whose referencing column has no index: each DELETE from "users" scans "posts".
CREATE TABLE IF NOT EXISTS "users" ("id" serial PRIMARY KEY NOT NULL);
CREATE TABLE IF NOT EXISTS "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer NOT NULL
);
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade;
