-- Statements --fix cannot make idempotent are left exactly as written (this file is not
-- applied twice by the PostgreSQL test): ALTER TYPE ... ADD ATTRIBUTE has no IF NOT EXISTS,
-- CREATE SCHEMA refuses IF NOT EXISTS with elements, OPTIONS (DROP ...) is not a command.
ALTER TYPE comp ADD ATTRIBUTE b int;
ALTER TYPE comp DROP ATTRIBUTE b;
CREATE SCHEMA s CREATE TABLE t (a int);
ALTER FOREIGN TABLE ft ALTER COLUMN c OPTIONS (DROP o), DROP COLUMN d;
