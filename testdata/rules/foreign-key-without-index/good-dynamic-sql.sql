-- Dynamic SQL might have created the index: the schema is a guess, and the rule stays quiet.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));
DO $$ BEGIN EXECUTE 'CREATE INDEX posts_author_id_idx ON posts (author_id)'; END $$;
