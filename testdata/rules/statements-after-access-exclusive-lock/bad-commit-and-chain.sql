-- COMMIT AND CHAIN ends one transaction and opens the next at once: a lock taken
-- after it is held by the new transaction.
BEGIN;
UPDATE "posts" SET "title" = trim("title");
COMMIT AND CHAIN;
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
INSERT INTO "audit" ("what") SELECT 'renamed ' || "id" FROM "users";
COMMIT;
