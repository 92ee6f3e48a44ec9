-- "users" was created by an earlier migration; PostgreSQL names the constraint users_email_key.
ALTER TABLE "users" ADD UNIQUE ("email", "tenant_id");
