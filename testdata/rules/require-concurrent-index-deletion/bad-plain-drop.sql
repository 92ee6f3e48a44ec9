-- DROP INDEX without CONCURRENTLY, outside any known transaction.
DROP INDEX IF EXISTS "posts_slug_idx";
