-- the cast fails at run time; the linter cannot know
UPDATE "users" SET "email" = 'x'
WHERE "id" = 'abc'::integer;