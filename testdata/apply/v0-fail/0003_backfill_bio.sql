-- the cast fails at run time; the linter cannot know
UPDATE "users" SET "bio" = 'x'
WHERE "id" = 'abc'::integer;