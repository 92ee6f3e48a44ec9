-- Inside DO blocks: a handler for the wrong condition, no handler, and IF/ELSE branches.
DO $$ BEGIN
 ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE("email");
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
DO $migrate$
BEGIN
  CREATE TYPE mood AS ENUM ('happy', 'sad');
  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'audit') THEN
    CREATE TABLE audit (id int);
  ELSE
    CREATE INDEX audit_id_idx ON audit (id);
  END IF;
END
$migrate$;
