-- With a runner that wraps the file in a transaction, REPACK (CONCURRENTLY) must run outside it.
CLUSTER "events" USING "events_pkey";
