-- CREATE TYPE has no IF NOT EXISTS: enum, composite and range types need a DO guard.
CREATE TYPE "public"."user_role" AS ENUM('owner', 'admin', 'member');
CREATE TYPE address AS (street text, city text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
