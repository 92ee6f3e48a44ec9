-- Statements inside DO blocks are left as they are; the block is the author's guard.
CREATE TABLE IF NOT EXISTS t (id int);
DO $$ BEGIN
  ALTER TABLE t ADD COLUMN extra int;
EXCEPTION WHEN duplicate_column THEN null;
END $$;
CREATE INDEX t_id_idx ON t (id);
