CREATE TABLE IF NOT EXISTS "users" ("id" int);
