-- Every CREATE that takes IF NOT EXISTS, with quoted, schema-qualified and plain names.
CREATE SCHEMA IF NOT EXISTS "billing";
CREATE SCHEMA "reporting";
CREATE SEQUENCE "billing"."invoice_number_seq";
CREATE EXTENSION pgcrypto;
CREATE TABLE "billing"."Invoices" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" integer NOT NULL
);
CREATE UNLOGGED TABLE staging (id int);
CREATE UNIQUE INDEX "invoices_number_key" ON "billing"."Invoices" USING btree ("number");
CREATE INDEX staging_id_idx ON staging (id);
CREATE MATERIALIZED VIEW "reporting"."invoice_count" AS SELECT count(*) AS n FROM "billing"."Invoices";
CREATE TABLE staging_copy AS SELECT * FROM staging;
