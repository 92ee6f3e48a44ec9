-- An unterminated string swallows the rest of the file: one error, where the string starts.
SELECT 1;
INSERT INTO users (name) VALUES ('unterminated);
SELECT 2;
