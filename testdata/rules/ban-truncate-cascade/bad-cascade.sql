-- TRUNCATE ... CASCADE reaches tables it does not name.
TRUNCATE "users" CASCADE;
