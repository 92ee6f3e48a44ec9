CREATE DOMAIN "email" AS text;
CREATE DOMAIN "note" AS text DEFAULT '';
