UPDATE posts SET status = 'archived' WHERE id < 10;
