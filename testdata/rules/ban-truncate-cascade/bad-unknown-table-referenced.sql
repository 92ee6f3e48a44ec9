-- "users" was made outside the migrations; the new "posts" references it, so CASCADE empties it.
CREATE TABLE IF NOT EXISTS "posts" ("id" bigint PRIMARY KEY, "author_id" bigint REFERENCES "users" ("id"));
CREATE INDEX IF NOT EXISTS "posts_author_id_idx" ON "posts" ("author_id");
TRUNCATE "users" CASCADE;
