-- drizzle-kit's RENAME COLUMN (its prompt answered "rename") on an existing table.
ALTER TABLE "users" RENAME COLUMN "name" TO "display_name";
