-- Inside a DO block a DROP needs IF EXISTS too; a handler for another condition is no guard.
DO $$ BEGIN
  DROP TABLE legacy;
  ALTER TABLE users DROP COLUMN nickname;
EXCEPTION WHEN duplicate_object THEN null;
END $$;
