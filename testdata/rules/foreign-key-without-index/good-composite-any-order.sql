-- An index whose leading columns are the foreign key's, in another order, covers it; so does an
-- unnamed index, and one on a renamed column.
CREATE TABLE orgs (id int, region int, PRIMARY KEY (id, region));
CREATE TABLE teams (id int PRIMARY KEY, org_id int, org_region int, name text, lead int);
ALTER TABLE teams ADD FOREIGN KEY (org_id, org_region) REFERENCES orgs (id, region);
CREATE INDEX teams_region_org_name ON teams (org_region, org_id, name);
ALTER TABLE teams ADD CONSTRAINT teams_lead_fk FOREIGN KEY (lead) REFERENCES teams (id);
CREATE INDEX ON teams (lead DESC);
ALTER TABLE teams RENAME COLUMN lead TO lead_id;
