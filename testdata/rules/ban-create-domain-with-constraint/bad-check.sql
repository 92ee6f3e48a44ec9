CREATE DOMAIN "email" AS text CHECK (VALUE LIKE '%@%');
CREATE DOMAIN "positive" AS integer NOT NULL;
