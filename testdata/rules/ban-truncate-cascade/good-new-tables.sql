-- Every table named and reached was created earlier in this migration: nothing in production is lost.
CREATE TABLE IF NOT EXISTS "staging_users" ("id" bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS "staging_posts" ("id" bigint PRIMARY KEY, "user_id" bigint REFERENCES "staging_users" ("id"));
CREATE INDEX IF NOT EXISTS "staging_posts_user_id_idx" ON "staging_posts" ("user_id");
INSERT INTO "staging_users" ("id") VALUES (1);
TRUNCATE "staging_users" CASCADE;
