-- From PostgreSQL 14 the hint asks for DETACH PARTITION ... CONCURRENTLY.
ALTER TABLE "events" DETACH PARTITION "events_2024";
