-- OR REPLACE for views, functions and triggers; IF EXISTS for every DROP.
CREATE TABLE IF NOT EXISTS t (id int, updated_at timestamptz);
CREATE VIEW v AS SELECT id FROM t;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END $$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
DROP TRIGGER t_touch ON t;
DROP VIEW v;
DROP FUNCTION touch();
DROP INDEX IF EXISTS nothing_idx;
DROP TABLE t;
