CREATE INDEX t_n ON t (n);
