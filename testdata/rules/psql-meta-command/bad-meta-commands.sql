-- A psql script: meta-commands are skipped (info), the SQL between them is linted.
\set ON_ERROR_STOP on
CREATE TABLE IF NOT EXISTS t (a int);
SELECT count(*) FROM t \gset
\i other.sql
