-- PostgreSQL 13 has no DETACH PARTITION CONCURRENTLY: the hint does not ask for it.
ALTER TABLE "events" DETACH PARTITION "events_2024";
