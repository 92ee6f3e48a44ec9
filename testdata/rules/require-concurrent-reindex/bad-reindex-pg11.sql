-- PostgreSQL 11 has no REINDEX CONCURRENTLY: the hint gives the older route.
REINDEX INDEX "posts_slug_idx";
