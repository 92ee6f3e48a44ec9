ALTER TABLE "organization_memberships" ADD CONSTRAINT "organization_memberships_organization_id_organizations_id_fk_long" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") NOT VALID;
CREATE INDEX IF NOT EXISTS aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_idx ON "t" ("x");
DO $$ BEGIN
	ALTER TABLE "t" ADD CONSTRAINT "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" CHECK ("x" > 0);
EXCEPTION WHEN duplicate_object THEN null;
END $$;
