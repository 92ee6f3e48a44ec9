-- Every table named, no CASCADE.
TRUNCATE "sessions", "users";
