-- Every DROP in its idempotent form.
-- miglint-ignore-file ban-drop-column, ban-drop-table
DROP TABLE IF EXISTS users;
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
DROP SCHEMA IF EXISTS billing CASCADE;
DROP TYPE IF EXISTS user_role;
DROP FUNCTION IF EXISTS touch_updated_at();
DROP TRIGGER IF EXISTS users_touch ON users;
ALTER TABLE posts DROP COLUMN IF EXISTS legacy_slug, DROP CONSTRAINT IF EXISTS posts_fk;
