-- PostgreSQL 11 in a runner that wraps the file in a transaction: the older route runs outside it.
REINDEX INDEX "posts_slug_idx";
