-- From PostgreSQL 12, ADD VALUE runs in a transaction block.
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'archived';
