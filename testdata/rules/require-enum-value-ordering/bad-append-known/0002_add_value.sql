-- Appends after "rejected", the last value of the type an earlier migration created.
ALTER TYPE "public"."status" ADD VALUE IF NOT EXISTS 'pending_review';
