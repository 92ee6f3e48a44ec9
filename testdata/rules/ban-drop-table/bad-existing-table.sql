-- Dropping existing tables, one of them schema-qualified.
DROP TABLE IF EXISTS "legacy_sessions", "billing"."old_invoices";
