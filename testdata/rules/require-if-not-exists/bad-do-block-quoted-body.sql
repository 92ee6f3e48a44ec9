-- A DO body in E'...' quotes: its statements are checked, reported at the DO (their text is
-- unescaped, so no exact position exists); a LANGUAGE argument is not taken for the body.
DO E'BEGIN\n CREATE TABLE t2 (x text DEFAULT \'abc\');\nEND';
DO LANGUAGE 'plpgsql' $$ BEGIN CREATE TABLE w (a int); END $$;
