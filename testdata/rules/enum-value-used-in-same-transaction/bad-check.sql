-- A CHECK comparing the enum column with the new value, in the transaction that adds it.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
BEGIN;
ALTER TYPE mood ADD VALUE 'calm';
ALTER TABLE people ADD CONSTRAINT people_mood_check CHECK (current_mood <> 'calm' OR name IS NOT NULL);
CREATE TABLE moods_seen (seen mood CHECK (seen IN ('happy', 'calm')), label text CHECK (label <> 'calm'));
COMMIT;
