-- CREATE INDEX on a table this file did not create: it exists in production and has rows.
CREATE INDEX IF NOT EXISTS "posts_author_id_idx" ON "posts" USING btree ("author_id");
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email);
