CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  timezone TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK (end_time IS NULL OR end_time >= start_time)
);

CREATE UNIQUE INDEX sessions_one_active_per_user ON sessions (user_id) WHERE end_time IS NULL;

CREATE INDEX sessions_user_start ON sessions (user_id, start_time);
