-- A foreign key and a check added to existing tables without NOT VALID.
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
 ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);
EXCEPTION WHEN duplicate_object THEN null;
END $$;
