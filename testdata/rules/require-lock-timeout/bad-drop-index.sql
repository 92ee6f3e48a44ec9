-- DROP INDEX without CONCURRENTLY of an index that existed before the migration.
DROP INDEX CONCURRENTLY IF EXISTS "users_old_idx";
DROP INDEX IF EXISTS "users_email_idx";
