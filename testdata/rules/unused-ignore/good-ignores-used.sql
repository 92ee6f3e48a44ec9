-- miglint-ignore-file require-if-exists, ban-drop-table -- this file drops legacy tables on purpose
-- Each form of ignore comment silences the finding it names, and only that.
DROP TABLE legacy_a;
-- miglint-ignore require-if-not-exists
-- (a comment between the ignore and the statement is fine)
CREATE TABLE t (id int);
CREATE INDEX t_id_idx ON t (id); -- miglint-ignore require-if-not-exists
-- miglint-ignore require-if-not-exists, require-if-exists
ALTER TABLE t ADD COLUMN c int, DROP COLUMN d;
