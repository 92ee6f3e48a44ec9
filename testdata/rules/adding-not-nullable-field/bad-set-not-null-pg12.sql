-- From PostgreSQL 12 a validated CHECK (col IS NOT NULL) lets SET NOT NULL skip the scan.
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;
