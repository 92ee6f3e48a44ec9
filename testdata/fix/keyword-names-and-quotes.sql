-- Names that look like keywords or dollar quotes, and a comment before the ';' of a statement
-- that gets wrapped: the fixed text must still parse and mean the same.
CREATE TYPE "value" AS ENUM ('a');
ALTER TYPE "value" ADD VALUE 'b';
CREATE TYPE "a$$b$miglint$" AS ENUM ('x');
CREATE TYPE mood AS ENUM ('happy') /* kept */ ;
CREATE TABLE IF NOT EXISTS "column" ("name" int, "type" text)
