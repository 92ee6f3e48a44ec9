-- A statement built at run time: no rule can check it.
DO $$
DECLARE
  tbl text;
BEGIN
  FOR tbl IN SELECT unnest(ARRAY['events_2024', 'events_2025']) LOOP
    EXECUTE format('CREATE INDEX %I ON %I ("id")', tbl || '_id_idx', tbl);
  END LOOP;
END $$;
-- Static SQL in the same kind of block is checked as usual, and is not reported here.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "t" ("id" bigint);
  EXECUTE 'DROP TABLE ' || 'old_t';
END $$;
-- In a '...' body the text cannot be placed: the note goes to DO.
DO 'BEGIN EXECUTE ''SELECT 1''; END';
