CREATE TABLE IF NOT EXISTS "public"."users" ("id" int);
CREATE TEMPORARY TABLE "scratch" ("id" int);
