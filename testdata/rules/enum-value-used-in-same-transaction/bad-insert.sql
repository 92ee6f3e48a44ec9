-- An INSERT of the new value into an enum column.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
BEGIN;
ALTER TYPE mood ADD VALUE 'calm';
INSERT INTO people (id, name, current_mood) VALUES (1, 'calm', 'calm'), (2, 'Ann', 'sad');
INSERT INTO people VALUES (3, 'Bo', 'calm');
INSERT INTO people (current_mood, name) SELECT 'calm', 'Cy';
COMMIT;
