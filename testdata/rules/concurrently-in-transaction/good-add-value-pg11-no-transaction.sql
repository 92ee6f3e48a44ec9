-- A runner that uses no transaction (the default for plain files) can add a value on 11.
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'archived';
