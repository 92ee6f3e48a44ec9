UPDATE "users" SET "email" = lower("email");
COMMIT;