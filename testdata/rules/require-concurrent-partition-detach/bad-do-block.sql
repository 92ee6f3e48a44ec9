-- DETACH PARTITION inside a DO block.
DO $$ BEGIN
  ALTER TABLE "events" DETACH PARTITION "events_2024";
END $$;
