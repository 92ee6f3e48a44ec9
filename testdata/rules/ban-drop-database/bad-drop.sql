DROP DATABASE "analytics";
