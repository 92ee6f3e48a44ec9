-- text, varchar without a length (text by another name), and char(n) (ban-char-field's).
CREATE TABLE IF NOT EXISTS "users" (
	"email" text NOT NULL CHECK (length("email") <= 255),
	"name" varchar,
	"aliases" text[]
);
ALTER TABLE "users" ALTER COLUMN "name" TYPE text;
