-- Backslashes inside strings and comments are not meta-commands. \set
SELECT E'\\set not a command', '\i nor this';
/* \i nor this */
SELECT 1;
