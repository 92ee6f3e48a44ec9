-- varchar(n) and character varying(n), an array of them, ADD COLUMN and ALTER COLUMN TYPE.
CREATE TABLE IF NOT EXISTS "users" (
	"email" varchar(255) NOT NULL,
	"name" character varying(100),
	"aliases" varchar(50)[]
);
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "city" varchar(80);
ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(200);
