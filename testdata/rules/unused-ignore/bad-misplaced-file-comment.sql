-- A file-level ignore below the first statement counts for nothing.
SELECT 1;
-- miglint-ignore-file require-if-exists
DROP TABLE t;
