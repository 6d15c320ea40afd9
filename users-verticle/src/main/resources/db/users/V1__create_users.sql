CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  timezone TEXT NOT NULL,
  token_hash TEXT,
  created_at INTEGER NOT NULL
);

CREATE UNIQUE INDEX users_email_key ON users (email_key);

CREATE UNIQUE INDEX users_token_hash ON users (token_hash) WHERE token_hash IS NOT NULL;

CREATE TABLE tombstones (
  user_id INTEGER PRIMARY KEY,
  deleted_at INTEGER NOT NULL
);
