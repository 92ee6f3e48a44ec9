DO $$ BEGIN
 CREATE TYPE "public"."status" AS ENUM('draft', 'submitted', 'approved', 'rejected');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
