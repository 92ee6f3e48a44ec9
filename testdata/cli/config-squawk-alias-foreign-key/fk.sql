-- Both tables exist already (made by earlier migrations).
ALTER TABLE IF EXISTS "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id");
