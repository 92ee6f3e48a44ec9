-- CREATE TABLE without IF NOT EXISTS, plain, schema-qualified and quoted mixed case.
CREATE TABLE users (id int);
CREATE TABLE "billing"."Invoices" ("id" serial PRIMARY KEY);
CREATE UNLOGGED TABLE comments (id int);
