-- A plain file with no breakpoints: one bad statement, the good ones around it still linted.
CREATE TABLE IF NOT EXISTS users (id int);
CREATE TABEL posts (id int);
DROP TABLE users;
