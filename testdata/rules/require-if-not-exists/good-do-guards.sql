-- Guards that make a CREATE idempotent inside a DO block: the right handler, OTHERS, a
-- SQLSTATE, and the hand-written IF NOT EXISTS (SELECT ...).
-- miglint-ignore adding-serial-primary-key-field -- its lock is not this case's subject
DO $$ BEGIN
  ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
EXCEPTION WHEN invalid_table_definition THEN null;
END $$;
-- miglint-ignore disallowed-unique-constraint -- its lock is not this case's subject
DO $$ BEGIN
  ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
EXCEPTION WHEN SQLSTATE '42P07' THEN null;
END $$;
DO $$ BEGIN
  CREATE TABLE t (id int);
EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'exists';
END $$;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('happy', 'sad');
  END IF;
END $$;
