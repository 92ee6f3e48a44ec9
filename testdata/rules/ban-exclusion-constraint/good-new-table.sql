CREATE TABLE IF NOT EXISTS "bookings" ("room" int, "during" tstzrange);
DO $$ BEGIN
	ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&);
EXCEPTION WHEN duplicate_table THEN null;
END $$;
