INSERT INTO "users" ("email") VALUES ('a@b.c');
