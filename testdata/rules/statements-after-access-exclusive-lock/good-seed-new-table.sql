-- Seed rows into a table created in this migration take no time: not counted.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "role_id" bigint;
CREATE TABLE IF NOT EXISTS "roles" ("id" bigint PRIMARY KEY, "name" text);
INSERT INTO "roles" ("id", "name") VALUES (1, 'admin'), (2, 'member');
