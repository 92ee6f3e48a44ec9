-- timestamptz in every spelling; date, time and interval are not timestamps.
CREATE TABLE IF NOT EXISTS "events" (
	"created_at" timestamptz DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"seen_at" timestamp(3) with time zone,
	"day" date,
	"at" time,
	"took" interval,
	"history" timestamptz[]
);
ALTER TABLE "events" ALTER COLUMN "day" TYPE timestamptz;
