-- A file PostgreSQL cannot parse is not changed at all.
CREATE TABLE t (id int);
CREATE TABEL u (id int);
