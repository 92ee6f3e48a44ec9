ALTER TABLE "t" ADD COLUMN "n" text;--> statement-breakpoint
CREATE INDEX "t_n_idx" ON "t" USING btree ("n");