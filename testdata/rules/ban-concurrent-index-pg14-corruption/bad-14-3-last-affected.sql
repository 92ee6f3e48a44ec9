-- 14.3 is the last affected release.
REINDEX (CONCURRENTLY) TABLE "posts";
