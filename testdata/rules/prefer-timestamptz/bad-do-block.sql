-- A timestamp column created inside a DO block.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "events" ("id" bigint PRIMARY KEY, "at" timestamp);
END $$;
