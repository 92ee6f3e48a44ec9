-- DROP INDEX inside a DO block (CONCURRENTLY cannot run there at all).
DO $$ BEGIN
  DROP INDEX IF EXISTS "posts_slug_idx";
END $$;
