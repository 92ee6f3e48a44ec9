ALTER TYPE "post_status" ADD VALUE IF NOT EXISTS 'unpublished';
ALTER TYPE "post_status" RENAME TO "status";
