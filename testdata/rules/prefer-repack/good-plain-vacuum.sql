VACUUM (ANALYZE) "events";
ANALYZE "logs";
