-- DROP without IF EXISTS for every object kind the rule knows; one DROP of two tables.
DROP TABLE "users";
DROP TABLE posts, "billing"."Invoices" CASCADE;
DROP INDEX CONCURRENTLY users_email_idx;
DROP SCHEMA billing;
DROP SEQUENCE invoice_seq;
DROP TYPE "public"."user_role";
DROP VIEW active_users;
DROP MATERIALIZED VIEW user_counts;
DROP FUNCTION touch_updated_at();
DROP EXTENSION pgcrypto;
DROP TRIGGER users_touch ON users;
DROP DOMAIN email_address;
