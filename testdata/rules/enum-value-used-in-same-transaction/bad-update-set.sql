-- An UPDATE assigning the new value to an enum column.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
BEGIN;
ALTER TYPE mood ADD VALUE 'calm';
UPDATE people SET current_mood = 'calm', name = 'calm' WHERE id = 1;
INSERT INTO people (id, current_mood) VALUES (2, 'sad') ON CONFLICT (id) DO UPDATE SET current_mood = 'calm';
COMMIT;
