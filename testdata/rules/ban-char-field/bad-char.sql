CREATE TABLE IF NOT EXISTS "countries" (
	"code" char(2) NOT NULL,
	"name" character(40)
);
