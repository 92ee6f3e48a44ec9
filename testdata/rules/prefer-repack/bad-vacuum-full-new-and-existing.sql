-- The first table is new, the second existed: the second is named.
CREATE TABLE IF NOT EXISTS "staging" ("id" bigint PRIMARY KEY);
VACUUM FULL "staging", "events";
