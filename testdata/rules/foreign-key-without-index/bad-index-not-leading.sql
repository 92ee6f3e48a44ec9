-- Indexes that do not lead with the foreign key's columns: (c, a) for (a), (a) alone for (a, b),
-- and the second column of a junction table's primary key.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE tags (id int PRIMARY KEY);
CREATE TABLE posts (id int, version int, author_id int, created_at timestamptz, PRIMARY KEY (id, version));
CREATE INDEX posts_created_author ON posts (created_at, author_id);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
CREATE TABLE comments (id int PRIMARY KEY, post_id int, post_version int);
CREATE INDEX comments_post_id ON comments (post_id);
ALTER TABLE comments ADD CONSTRAINT comments_post_fk FOREIGN KEY (post_id, post_version) REFERENCES posts (id, version);
CREATE TABLE post_tags (
	post_id int NOT NULL,
	post_version int NOT NULL,
	tag_id int NOT NULL REFERENCES tags (id),
	PRIMARY KEY (post_id, post_version, tag_id),
	FOREIGN KEY (post_id, post_version) REFERENCES posts (id, version)
);
