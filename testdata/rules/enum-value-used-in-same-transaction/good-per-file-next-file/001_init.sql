CREATE TYPE status AS ENUM ('draft', 'published');
CREATE TABLE posts (id integer, status status NOT NULL DEFAULT 'draft');
