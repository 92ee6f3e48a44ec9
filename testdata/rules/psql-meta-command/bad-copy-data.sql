-- pg_dump output: COPY ... FROM stdin data is psql's, up to the line "\.".
COPY public.users (id, name) FROM stdin;
1	O'Brien
2	\N
\.
SELECT setval('users_id_seq', 2);
