ALTER TYPE "post_status" RENAME VALUE 'draft' TO 'unpublished';
