-- name: insert
-- id and end_time are NULL for a start (SQLite assigns the id); an imported session comes with the
-- id reserved for it, and ended (inserting it active first would break the one-active-session index
-- while the user has a live session).
INSERT INTO sessions (id, user_id, start_time, end_time, timezone, created_at)
VALUES (#{id}, #{user_id}, #{start_time}, #{end_time}, #{timezone}, #{created_at})
RETURNING id, user_id, start_time, end_time, timezone, created_at;

-- name: get
SELECT id, user_id, start_time, end_time, timezone, created_at FROM sessions WHERE id = #{id};

-- name: active_of_user
SELECT id FROM sessions WHERE user_id = #{user_id} AND end_time IS NULL;

-- name: latest_end_of_user
SELECT MAX(end_time) AS latest_end FROM sessions WHERE user_id = #{user_id};

-- name: end
UPDATE sessions SET end_time = #{end_time} WHERE id = #{id} AND end_time IS NULL
RETURNING id, user_id, start_time, end_time, timezone, created_at;

-- name: page_of_user
SELECT id, user_id, start_time, end_time, timezone, created_at FROM sessions
WHERE user_id = #{user_id} AND start_time < #{to}
  AND (COALESCE(end_time, #{now}) > #{from} OR start_time >= #{from})
ORDER BY start_time, id
LIMIT #{limit} OFFSET #{offset};

-- name: count_of_user
SELECT COUNT(*) AS total FROM sessions
WHERE user_id = #{user_id} AND start_time < #{to}
  AND (COALESCE(end_time, #{now}) > #{from} OR start_time >= #{from});

-- name: history_of_user
SELECT id, user_id, start_time, end_time, timezone, created_at FROM sessions
WHERE user_id = #{user_id} AND id > #{after_id}
ORDER BY id LIMIT #{limit};

-- name: purge_user
DELETE FROM sessions WHERE user_id = #{user_id};

-- name: count_active
SELECT COUNT(*) AS total FROM sessions WHERE end_time IS NULL;

-- name: outbox_after
-- A replayed row (no payload) comes with the row as it is now; one deleted since comes without.
SELECT o.seq, o.user_id, o.row_id, o.payload,
  s.id, s.start_time, s.end_time, s.timezone, s.created_at
FROM outbox o LEFT JOIN sessions s ON o.payload IS NULL AND s.id = o.row_id
WHERE o.seq > #{after_seq}
ORDER BY o.seq LIMIT #{limit};

-- name: outbox_replay
INSERT INTO outbox (user_id, row_id, payload, created_at)
SELECT user_id, id, NULL, #{created_at} FROM sessions ORDER BY id;

-- name: overlapping_span_of_user
-- The stored sessions an import's span [from, to) may touch, by start (an active one reaches now).
-- A user's sessions never overlap, so ordered by start their ends are ordered too: the import
-- checks each of its rows against the last of these starting before the row's end.
SELECT id, user_id, start_time, end_time, timezone, created_at FROM sessions
WHERE user_id = #{user_id} AND start_time < #{to} AND COALESCE(end_time, #{now}) > #{from}
ORDER BY start_time, COALESCE(end_time, #{now});

-- name: reserve_ids_start
-- Reserving ids for an import: AUTOINCREMENT never gives an id up to sqlite_sequence's value again,
-- so raising it by n sets n ids aside for the import's sessions, written later under them.
INSERT INTO sqlite_sequence (name, seq)
SELECT 'sessions', COALESCE((SELECT MAX(id) FROM sessions), 0)
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sessions');

-- name: reserve_ids
UPDATE sqlite_sequence SET seq = seq + #{count} WHERE name = 'sessions';

-- name: reserved_up_to
SELECT seq FROM sqlite_sequence WHERE name = 'sessions';
