-- An integer column created inside a DO block.
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS "counters" ("id" bigint PRIMARY KEY, "hits" integer);
END $$;
