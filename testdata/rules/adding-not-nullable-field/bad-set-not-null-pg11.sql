-- Before PostgreSQL 12 SET NOT NULL always scans; the hint does not offer the CHECK route.
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;
