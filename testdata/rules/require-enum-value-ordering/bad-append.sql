-- Values appended to an enum this migration did not create: one the catalog does not know,
-- and one it knows from an earlier migration (its last value is named).
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'pending_review';
