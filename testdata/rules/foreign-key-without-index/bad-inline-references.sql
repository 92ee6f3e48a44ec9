-- An inline REFERENCES names one column; PostgreSQL calls the constraint <table>_<column>_fkey.
CREATE SCHEMA billing;
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE billing.invoices (
	id bigint PRIMARY KEY,
	customer_id bigint NOT NULL REFERENCES users (id) ON DELETE RESTRICT
);
ALTER TABLE billing.invoices ADD COLUMN approver_id bigint CONSTRAINT invoices_approver_fk REFERENCES users;
