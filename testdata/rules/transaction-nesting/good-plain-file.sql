-- A plain file, with no "transaction" setting: its own BEGIN/COMMIT is its business.
BEGIN;
CREATE TABLE IF NOT EXISTS "t" ("id" int);
COMMIT;
