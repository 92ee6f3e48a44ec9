-- TRUNCATE ... CASCADE inside a DO block.
DO $$ BEGIN
  TRUNCATE "users" CASCADE;
END $$;
