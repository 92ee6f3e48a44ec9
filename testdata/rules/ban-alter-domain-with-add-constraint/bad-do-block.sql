-- ALTER DOMAIN ... ADD CONSTRAINT inside a DO block checks every column of the domain too.
DO $$ BEGIN
  ALTER DOMAIN "email_address" ADD CONSTRAINT "email_has_at" CHECK (VALUE LIKE '%@%');
END $$;
