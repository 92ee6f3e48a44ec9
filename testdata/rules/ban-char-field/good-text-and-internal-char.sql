CREATE TABLE IF NOT EXISTS "countries" (
	"code" varchar(2) NOT NULL,
	"flag" "char",
	"name" text
);
