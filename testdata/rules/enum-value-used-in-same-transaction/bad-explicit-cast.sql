-- An explicit cast to the enum uses the new value.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
BEGIN;
ALTER TYPE mood ADD VALUE 'calm';
SELECT 'calm'::mood, CAST('calm' AS public.mood), 'calm'::text;
CREATE VIEW calm_people AS SELECT * FROM people WHERE current_mood = ANY (ARRAY['happy', 'calm']::mood[]);
COMMIT;
