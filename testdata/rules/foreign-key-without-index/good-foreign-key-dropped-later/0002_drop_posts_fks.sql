-- miglint-ignore ban-drop-column
ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_author_fk, DROP COLUMN IF EXISTS editor_id;
-- miglint-ignore ban-drop-table
DROP TABLE IF EXISTS teams CASCADE;
