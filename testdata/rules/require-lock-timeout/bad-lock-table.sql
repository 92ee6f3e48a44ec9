-- LOCK TABLE in SHARE mode or stronger on an existing table (ROW EXCLUSIVE is what writes take).
LOCK TABLE "accounts" IN ROW EXCLUSIVE MODE;
LOCK TABLE "accounts" IN SHARE ROW EXCLUSIVE MODE;
