-- squawk's names turn on our rules: require-timeout-settings both timeout rules,
-- prefer-timestamp-tz prefer-timestamptz.
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "seen_at" timestamp;
