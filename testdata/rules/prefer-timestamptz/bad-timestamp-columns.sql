-- timestamp in every spelling, with a precision, an array, ADD COLUMN and ALTER COLUMN TYPE.
CREATE TABLE IF NOT EXISTS "events" (
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp without time zone,
	"seen_at" timestamp(3),
	"history" timestamp[]
);
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "deleted_at" timestamp;
ALTER TABLE "events" ALTER COLUMN "seen_at" TYPE timestamp(6) without time zone;
