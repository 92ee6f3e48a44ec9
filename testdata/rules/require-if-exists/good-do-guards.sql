-- DROPs guarded inside DO blocks: the "does not exist" handler, or IF EXISTS (SELECT ...).
-- miglint-ignore-file ban-drop-column, ban-drop-table
DO $$ BEGIN
  DROP TABLE legacy;
EXCEPTION WHEN undefined_table THEN null;
END $$;
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'nickname') THEN
    ALTER TABLE users DROP COLUMN nickname;
  END IF;
END $$;
