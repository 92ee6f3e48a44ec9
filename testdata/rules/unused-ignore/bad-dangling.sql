-- An ignore comment at the end of the file covers no statement.
SELECT 1;
-- miglint-ignore require-if-exists
