-- The ELSE of IF EXISTS (SELECT ...) is the hand-written IF NOT EXISTS.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'e') THEN
    NULL;
  ELSE
    CREATE TYPE e AS ENUM ('a');
  END IF;
END $$;
