CREATE TABLE IF NOT EXISTS "events" (
	"id" serial PRIMARY KEY,
	"payload" jsonb NOT NULL
);
