-- The index is dropped by a later migration: the foreign key is left without one.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
CREATE INDEX posts_author_id_idx ON posts (author_id);
