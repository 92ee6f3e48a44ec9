-- A column assigned twice inside a DO block fails when the block runs.
DO $$ BEGIN
  UPDATE "users" SET "name" = 'a', "name" = 'b';
END $$;
