-- PostgreSQL 18 has no REPACK: the hint names pg_repack.
VACUUM FULL "events";
