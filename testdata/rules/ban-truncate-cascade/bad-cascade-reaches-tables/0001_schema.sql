CREATE TABLE IF NOT EXISTS "users" ("id" bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS "posts" ("id" bigint PRIMARY KEY, "author_id" bigint REFERENCES "users" ("id"));
CREATE INDEX IF NOT EXISTS "posts_author_id_idx" ON "posts" ("author_id");
CREATE TABLE IF NOT EXISTS "comments" ("id" bigint PRIMARY KEY, "post_id" bigint REFERENCES "posts" ("id"));
CREATE INDEX IF NOT EXISTS "comments_post_id_idx" ON "comments" ("post_id");
CREATE TABLE IF NOT EXISTS "audit" ("id" bigint PRIMARY KEY);
