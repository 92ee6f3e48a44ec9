-- Only static SQL inside the DO block: every statement is checked.
DO $$ BEGIN
  CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;
