BEGIN;--> statement-breakpoint
CREATE TYPE "status" AS ENUM ('a');--> statement-breakpoint
COMMIT;