-- Several bad statements in a row, one after multi-byte text on the same line.
SELEC 1; SELECT 'été' FROM t WHERE;
SELECT 1 FROM users WHERE id = ;
SELECT 2;
