-- A new table whose foreign key locks the existing table it references.
CREATE TABLE IF NOT EXISTS "posts" (
	"id" bigint PRIMARY KEY,
	"author_id" bigint NOT NULL REFERENCES "users" ("id")
);
