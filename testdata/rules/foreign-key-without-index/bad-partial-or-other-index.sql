-- A partial index with another predicate, an expression index and a hash index of a two-column key do not count.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int, editor_id int, reviewer_id int, org_id int, deleted boolean);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
CREATE INDEX posts_author_live ON posts (author_id) WHERE NOT deleted;
ALTER TABLE posts ADD CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id);
CREATE INDEX posts_editor_expr ON posts ((editor_id + 0));
CREATE TABLE orgs (id int, region int, PRIMARY KEY (id, region));
ALTER TABLE posts ADD CONSTRAINT posts_org_fk FOREIGN KEY (org_id, reviewer_id) REFERENCES orgs (id, region);
CREATE INDEX posts_org_hash ON posts USING hash (org_id);
