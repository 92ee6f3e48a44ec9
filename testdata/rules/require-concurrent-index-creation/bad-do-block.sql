-- CREATE INDEX on an existing table inside a DO block blocks writes the same way.
DO $$ BEGIN
  CREATE INDEX IF NOT EXISTS "users_email_idx" ON "users" ("email");
END $$;
