-- NOT VALID, then VALIDATE; and constraints on a table this migration created.
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") NOT VALID;
EXCEPTION WHEN duplicate_object THEN null;
END $$;
ALTER TABLE "posts" VALIDATE CONSTRAINT "posts_author_fk";
CREATE TABLE IF NOT EXISTS "comments" ("id" serial PRIMARY KEY, "post_id" integer);
DO $$ BEGIN
 ALTER TABLE "comments" ADD CONSTRAINT "comments_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts"("id");
EXCEPTION WHEN duplicate_object THEN null;
END $$;
