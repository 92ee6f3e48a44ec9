-- PostgreSQL compiles a DO body when it runs: a PL/pgSQL syntax error fails the migration.
SELECT 1;
DO $$ BEGIN CREAT TABLE x (a int); END $$;
