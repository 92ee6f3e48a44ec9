-- Two CREATEs of one table on one line of a DO body: the second is reported at its own column.
DO $$ BEGIN CREATE TABLE IF NOT EXISTS a1 (x int); CREATE TABLE IF NOT EXISTS a1 (x bigint); END $$;
