CREATE TABLE interruptions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  duration INTEGER NOT NULL,
  session_timezone TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK (end_time > start_time)
);

CREATE INDEX interruptions_session_start ON interruptions (session_id, start_time);

CREATE INDEX interruptions_user ON interruptions (user_id, id);
