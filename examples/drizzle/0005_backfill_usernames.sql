-- Custom SQL migration file, put your code below! --
UPDATE "users" SET "username" = lower(split_part("email", '@', 1)) WHERE "username" IS NULL;--> statement-breakpoint
CREATE INDEX "posts_published_at_idx" ON "posts" USING btree ("published_at");
