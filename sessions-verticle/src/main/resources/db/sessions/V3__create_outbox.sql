-- Every committed change of this domain, written in the transaction of the change: the event it
-- published (payload), or, for rows that existed before (a replay), only the row's id, read back
-- as the row's current state. Consumers (the statistics' rollups) read it after the last
-- sequence they applied; rows every consumer has applied are deleted.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL,
  row_id INTEGER NOT NULL,
  payload TEXT,
  created_at INTEGER NOT NULL
);
