-- A char(n) column created inside a DO block.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "codes" ("code" char(8));
END $$;
