-- A json column created inside a DO block.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "events" ("id" bigint PRIMARY KEY, "payload" json);
END $$;
