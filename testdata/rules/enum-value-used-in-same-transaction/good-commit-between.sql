-- After COMMIT the new value is usable.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer, name text, current_mood mood);
-- Outside a transaction block each statement commits on its own.
ALTER TYPE mood ADD VALUE 'calm';
UPDATE people SET current_mood = 'calm' WHERE id = 1;
BEGIN;
ALTER TYPE mood ADD VALUE 'angry';
COMMIT;
BEGIN;
UPDATE people SET current_mood = 'angry' WHERE id = 2;
COMMIT;
