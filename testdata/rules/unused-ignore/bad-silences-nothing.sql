-- An ignore comment whose statement has no such finding.
-- miglint-ignore require-if-not-exists
CREATE TABLE IF NOT EXISTS t (id int);
