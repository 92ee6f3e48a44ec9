-- "users" exists in production: CASCADE also empties "posts", and through it "comments".
TRUNCATE "users" CASCADE;
