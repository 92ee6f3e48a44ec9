CREATE TABLE IF NOT EXISTS "events" (
	"id" serial PRIMARY KEY,
	"payload" json NOT NULL
);
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "meta" json;
ALTER TABLE "events" ALTER COLUMN "payload" TYPE json;
