-- From PostgreSQL 12 the hint asks for REINDEX CONCURRENTLY.
REINDEX INDEX "posts_slug_idx";
