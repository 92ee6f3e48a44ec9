-- REINDEX inside a DO block.
DO $$ BEGIN
  REINDEX INDEX "posts_slug_idx";
END $$;
