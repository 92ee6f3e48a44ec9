-- A table created in the same migration is empty and unseen: its lock blocks nobody.
CREATE TABLE IF NOT EXISTS "tags" ("id" bigint PRIMARY KEY, "name" text);
ALTER TABLE "tags" ADD COLUMN IF NOT EXISTS "slug" text;
INSERT INTO "tags" ("id", "name") VALUES (1, 'news');
