-- A finding silenced by an ignore comment is not "fixed" either (not applied twice).
-- miglint-ignore require-if-not-exists
CREATE TABLE a (id int);
CREATE TABLE b (id int);
