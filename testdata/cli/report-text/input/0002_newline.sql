-- the error message spans two lines
SELECT 'unterminated
