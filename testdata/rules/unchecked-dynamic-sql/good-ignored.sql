-- miglint-ignore unchecked-dynamic-sql -- reviewed: drops the staging table by its generated name
DO $$ BEGIN
  EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident('staging_' || to_char(now(), 'YYYY'));
END $$;
