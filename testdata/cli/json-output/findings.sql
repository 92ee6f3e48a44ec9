-- two findings
CREATE TABLE "é" (id int);
SELEC 1;
