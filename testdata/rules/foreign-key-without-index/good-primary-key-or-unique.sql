-- The index behind a PRIMARY KEY or UNIQUE constraint covers, inline or table-level.
CREATE TABLE users (id int PRIMARY KEY, org_id int, UNIQUE (org_id, id));
CREATE TABLE profiles (user_id int PRIMARY KEY REFERENCES users (id));
CREATE TABLE settings (user_id int UNIQUE REFERENCES users (id), value text);
CREATE TABLE memberships (
	user_id int,
	org_id int,
	role text,
	CONSTRAINT memberships_user_org UNIQUE (user_id, org_id, role),
	CONSTRAINT memberships_user_fk FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE TABLE avatars (user_id int, PRIMARY KEY (user_id));
ALTER TABLE avatars ADD CONSTRAINT avatars_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
