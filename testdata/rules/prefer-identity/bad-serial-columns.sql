-- Every serial spelling, in CREATE TABLE and ADD COLUMN.
CREATE TABLE IF NOT EXISTS "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"a" serial4,
	"b" bigserial,
	"c" serial8,
	"d" smallserial,
	"e" serial2
);
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "ticket" bigserial;
