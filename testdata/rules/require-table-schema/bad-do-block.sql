-- An unqualified CREATE TABLE inside a DO block.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "widgets" ("id" bigint PRIMARY KEY);
END $$;
