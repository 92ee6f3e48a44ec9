-- A partial index, an expression index and a hash index do not count.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int, editor_id int, reviewer_id int);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
CREATE INDEX posts_author_live ON posts (author_id) WHERE author_id IS NOT NULL;
ALTER TABLE posts ADD CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id);
CREATE INDEX posts_editor_expr ON posts ((editor_id + 0));
ALTER TABLE posts ADD CONSTRAINT posts_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);
CREATE INDEX posts_reviewer_hash ON posts USING hash (reviewer_id);
