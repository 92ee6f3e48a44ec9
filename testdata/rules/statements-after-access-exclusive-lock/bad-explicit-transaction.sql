-- No runner transaction, but BEGIN ... COMMIT makes one.
BEGIN;
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
INSERT INTO "audit" ("what") SELECT 'renamed ' || "id" FROM "users";
COMMIT;
-- After COMMIT the statements run on their own.
UPDATE "posts" SET "title" = trim("title");
