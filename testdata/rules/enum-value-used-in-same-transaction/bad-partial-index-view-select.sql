-- A partial index's predicate, a view's WHERE and a SELECT's WHERE convert the literal too.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
BEGIN;
ALTER TYPE mood ADD VALUE 'calm';
CREATE INDEX IF NOT EXISTS people_calm_idx ON people (id) WHERE current_mood = 'calm';
CREATE VIEW calm_people AS SELECT id FROM people WHERE current_mood = 'calm';
INSERT INTO people (id, name) SELECT id + 100, name FROM people WHERE current_mood = 'calm';
-- A text column holding the same word is no use.
SELECT id FROM people WHERE name = 'calm';
COMMIT;
