-- Renaming an existing table.
ALTER TABLE "posts" RENAME TO "articles";
