-- smallint in every spelling, smallserial, a smallint array, ADD COLUMN and ALTER COLUMN TYPE.
CREATE TABLE IF NOT EXISTS "tags" (
	"id" smallserial PRIMARY KEY NOT NULL,
	"uses" smallint DEFAULT 0 NOT NULL,
	"code" int2,
	"old_id" serial2,
	"weights" smallint[]
);
ALTER TABLE "tags" ADD COLUMN IF NOT EXISTS "rank" smallint;
ALTER TABLE "tags" ALTER COLUMN "uses" TYPE int2;
