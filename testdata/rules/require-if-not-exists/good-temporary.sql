-- Temporary objects vanish with the session, so a second run creates them afresh.
CREATE TEMPORARY TABLE staging (id int);
CREATE TEMP SEQUENCE staging_seq;
CREATE TEMP VIEW staging_view AS SELECT * FROM staging;
SELECT 1;
