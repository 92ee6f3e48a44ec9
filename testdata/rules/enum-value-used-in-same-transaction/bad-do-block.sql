-- Uses inside a DO block count as well.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
BEGIN;
ALTER TYPE mood ADD VALUE 'calm';
DO $$
BEGIN
	UPDATE people SET current_mood = 'calm' WHERE current_mood IS NULL;
EXCEPTION
	WHEN undefined_table THEN null;
END $$;
COMMIT;
