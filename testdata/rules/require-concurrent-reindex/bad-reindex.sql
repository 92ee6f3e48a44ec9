REINDEX INDEX "posts_slug_idx";
REINDEX TABLE posts;
