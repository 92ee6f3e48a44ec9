-- A mistyped rule name silences nothing; the real finding is still reported.
-- miglint-ignore require-if-not-exist
CREATE TABLE t (id int);
