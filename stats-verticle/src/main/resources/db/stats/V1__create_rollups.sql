-- How far the rollups have applied each domain's outbox: advanced in the transaction that
-- applies an event, so that after a crash the consumer resumes exactly there.
CREATE TABLE outbox_positions (
  domain TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);

-- The intervals the attribution rules need to re-clip a change (a late interruption, an end, a
-- deletion), read by id inside the transaction that applies it; never scanned per request.
CREATE TABLE span_sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  timezone TEXT NOT NULL,
  created_at INTEGER
);

CREATE INDEX span_sessions_user_start ON span_sessions (user_id, start_time);

CREATE TABLE span_interruptions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  duration INTEGER NOT NULL
);

CREATE INDEX span_interruptions_session ON span_interruptions (session_id, start_time);

CREATE INDEX span_interruptions_user ON span_interruptions (user_id);

-- The rollups: per user and (session zone, local date as epoch day), the day's cells in the
-- compact form of DayBlocks (hours and types with data only).
CREATE TABLE rollup_days (
  user_id INTEGER NOT NULL,
  timezone TEXT NOT NULL,
  local_date INTEGER NOT NULL,
  cells BLOB NOT NULL,
  PRIMARY KEY (user_id, timezone, local_date)
) WITHOUT ROWID;
