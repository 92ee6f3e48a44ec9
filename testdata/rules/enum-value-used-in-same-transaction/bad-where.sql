-- UPDATE and DELETE comparing the enum column with the new value.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
BEGIN;
ALTER TYPE mood ADD VALUE 'calm';
UPDATE people p SET name = 'x' WHERE p.current_mood = 'calm' OR 'calm' = current_mood;
DELETE FROM people WHERE current_mood NOT IN ('happy', 'calm') AND name = 'calm';
COMMIT;
