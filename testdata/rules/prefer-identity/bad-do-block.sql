-- A serial column created inside a DO block.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "counters" ("id" bigserial PRIMARY KEY);
END $$;
