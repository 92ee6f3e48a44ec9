-- SET NOT NULL on an existing table scans it under an ACCESS EXCLUSIVE lock.
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;
