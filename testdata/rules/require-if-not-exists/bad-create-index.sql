-- CREATE INDEX without IF NOT EXISTS: named, unique, concurrent, and unnamed (duplicates on a re-run).
CREATE INDEX "users_email_idx" ON "users" USING btree ("email");
CREATE UNIQUE INDEX users_name_key ON users (name);
CREATE INDEX CONCURRENTLY "posts_author_idx" ON "posts" ("author_id");
CREATE INDEX ON users (created_at);
