-- drizzle-kit-style guarded CREATE DOMAIN with a CHECK.
DO $$ BEGIN
  CREATE DOMAIN "positive_int" AS integer CHECK (VALUE > 0);
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;
