-- integer in every spelling, serial, an integer array, ADD COLUMN and ALTER COLUMN TYPE.
CREATE TABLE IF NOT EXISTS "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"likes" int,
	"shares" int4,
	"old_ids" serial4,
	"tag_ids" integer[]
);
ALTER TABLE "posts" ADD COLUMN IF NOT EXISTS "rank" pg_catalog.int4;
ALTER TABLE "posts" ALTER COLUMN "likes" TYPE int;
