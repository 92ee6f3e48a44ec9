-- DROP TABLE of an existing table inside a DO block.
DO $$ BEGIN
  DROP TABLE IF EXISTS "sessions";
END $$;
