-- PostgreSQL 19 has REPACK (CONCURRENTLY), which rebuilds the table online.
VACUUM FULL "events";
CLUSTER "events" USING "events_pkey";
