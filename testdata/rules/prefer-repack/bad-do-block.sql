-- CLUSTER can run inside a DO block (VACUUM cannot), and rewrites the table the same way.
DO $$ BEGIN
  CLUSTER "events" USING "events_pkey";
END $$;
