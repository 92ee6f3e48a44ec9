-- The foreign key is dropped by a later migration (or goes with its column or table).
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int, editor_id int, team_id int REFERENCES teams);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
ALTER TABLE posts ADD CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id);
