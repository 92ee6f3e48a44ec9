-- A staging table created and dropped in the same migration.
CREATE TABLE IF NOT EXISTS "staging" ("id" int);
INSERT INTO "staging" VALUES (1);
DROP TABLE IF EXISTS "staging";
