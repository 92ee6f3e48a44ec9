-- psql's \copy ... from stdin reads the lines after it as data, up to "\.".
SELECT 1;
\copy a FROM stdin
1	O'Brien
\.
CREATE TABLE IF NOT EXISTS b (x int);
