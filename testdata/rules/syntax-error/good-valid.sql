-- Valid SQL of several kinds, with comments and a dollar-quoted body containing ';'.
/* header */
SELECT 1; -- trailing
CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$ BEGIN RETURN 1; END $fn$;
INSERT INTO t VALUES ('a;b');
