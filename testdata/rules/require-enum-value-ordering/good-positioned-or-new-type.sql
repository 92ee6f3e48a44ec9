-- BEFORE / AFTER state the position; a type created earlier in the same migration is new.
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'pending_review' BEFORE 'approved';
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'archived' AFTER 'rejected';
DO $$ BEGIN
 CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'happy';
