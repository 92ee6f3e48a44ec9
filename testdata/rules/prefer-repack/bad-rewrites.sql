VACUUM FULL "events";
VACUUM (FULL, ANALYZE) "logs";
CLUSTER "events" USING "events_pkey";
