-- One meta-command: the message is singular.
SELECT 1;
\set ON_ERROR_STOP on
SELECT 2;
