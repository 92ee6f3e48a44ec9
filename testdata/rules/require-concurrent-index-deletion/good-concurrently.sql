-- DROP INDEX CONCURRENTLY outside a transaction.
DROP INDEX CONCURRENTLY IF EXISTS "posts_slug_idx";
