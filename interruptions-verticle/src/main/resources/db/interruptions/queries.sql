-- name: insert_unless_overlapping
-- one round trip for the common case; when nothing is inserted, first_overlapping names the culprit.
-- Only the new id comes back: the stored row is the one the caller bound (instants in millis).
-- A session's interruptions never overlap (this statement is their only way in, on the domain's
-- single writer), so ordered by start their ends are ordered too: the new interval overlaps one of
-- them exactly when it overlaps the last one starting before its end. One index probe
-- (interruptions_session_start), not a scan of every earlier interruption of the session.
INSERT INTO interruptions
  (session_id, user_id, type, description, start_time, end_time, duration, session_timezone, created_at)
SELECT #{session_id}, #{user_id}, #{type}, #{description}, #{start_time}, #{end_time}, #{duration},
  #{session_timezone}, #{created_at}
WHERE NOT EXISTS (
  SELECT 1 FROM (
    SELECT end_time FROM interruptions
    WHERE session_id = #{session_id} AND start_time < #{end_time}
    ORDER BY start_time DESC LIMIT 1)
  WHERE end_time > #{start_time})
RETURNING id;

-- name: get
SELECT * FROM interruptions WHERE id = #{id};

-- name: first_overlapping
SELECT id FROM interruptions
WHERE session_id = #{session_id} AND start_time < #{end_time} AND end_time > #{start_time}
ORDER BY start_time LIMIT 1;

-- name: of_session
SELECT * FROM interruptions WHERE session_id = #{session_id} ORDER BY start_time, id;

-- name: of_user
SELECT * FROM interruptions WHERE user_id = #{user_id} AND id > #{after_id}
ORDER BY id LIMIT #{limit};

-- name: delete
DELETE FROM interruptions WHERE id = #{id};

-- name: purge_user
DELETE FROM interruptions WHERE user_id = #{user_id};

-- name: outbox_after
-- A replayed row (no payload) comes with the row as it is now; one deleted since comes without.
SELECT o.seq, o.user_id, o.row_id, o.payload,
  i.id, i.session_id, i.type, i.description, i.start_time, i.end_time, i.duration, i.session_timezone, i.created_at
FROM outbox o LEFT JOIN interruptions i ON o.payload IS NULL AND i.id = o.row_id
WHERE o.seq > #{after_seq}
ORDER BY o.seq LIMIT #{limit};

-- name: outbox_replay
INSERT INTO outbox (user_id, row_id, payload, created_at)
SELECT user_id, id, NULL, #{created_at} FROM interruptions ORDER BY id;

-- name: delete_returning
DELETE FROM interruptions WHERE id = #{id} RETURNING id;

-- name: of_user_between
SELECT * FROM interruptions
WHERE user_id = #{user_id} AND start_time < #{to} AND end_time > #{from}
ORDER BY start_time, id;
