-- A hash index serves a one-column key, and so does a partial index WHERE the key IS NOT NULL.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int, reviewer_id int);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
CREATE INDEX posts_author_live ON posts (author_id) WHERE author_id IS NOT NULL;
ALTER TABLE posts ADD CONSTRAINT posts_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
CREATE INDEX posts_reviewer_hash ON posts USING hash (reviewer_id);
