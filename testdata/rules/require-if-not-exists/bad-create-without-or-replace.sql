-- CREATE VIEW / FUNCTION / PROCEDURE / TRIGGER without OR REPLACE.
CREATE VIEW active_users AS SELECT * FROM users WHERE active;
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END $$;
CREATE PROCEDURE archive_users() LANGUAGE sql AS $$ DELETE FROM users WHERE NOT active $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE CONSTRAINT TRIGGER users_check AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
