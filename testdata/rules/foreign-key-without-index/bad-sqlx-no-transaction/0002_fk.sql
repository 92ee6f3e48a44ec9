-- no-transaction
-- sqlx runs this file outside a transaction: the hint has no transaction note.
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;
