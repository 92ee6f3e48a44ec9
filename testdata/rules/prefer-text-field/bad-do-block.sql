-- A varchar(n) column created inside a DO block.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "people" ("id" bigint PRIMARY KEY, "name" varchar(40));
END $$;
