-- DROP DATABASE inside a DO block fails when it runs (not in a function), but is still no migration's business.
DO $$ BEGIN
  DROP DATABASE IF EXISTS "staging";
END $$;
