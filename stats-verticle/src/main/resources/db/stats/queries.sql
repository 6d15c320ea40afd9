-- name: positions
SELECT domain, seq FROM outbox_positions;

-- name: position_set
INSERT INTO outbox_positions (domain, seq) VALUES (#{domain}, #{seq})
ON CONFLICT (domain) DO UPDATE SET seq = excluded.seq;

-- name: session_get
SELECT id, start_time, end_time, timezone FROM span_sessions WHERE id = #{id};

-- name: session_put
INSERT INTO span_sessions (id, user_id, start_time, end_time, timezone)
VALUES (#{id}, #{user_id}, #{start_time}, #{end_time}, #{timezone})
ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, start_time = excluded.start_time,
  end_time = excluded.end_time, timezone = excluded.timezone;

-- name: session_delete
DELETE FROM span_sessions WHERE id = #{id};

-- name: first_start
SELECT MIN(start_time) AS first_start FROM span_sessions WHERE user_id = #{user_id};

-- name: session_created_at
UPDATE span_sessions SET created_at = #{created_at} WHERE id = #{id};

-- name: active_sessions
SELECT id, start_time, end_time, timezone, created_at FROM span_sessions WHERE user_id = #{user_id} AND end_time IS NULL;

-- name: interruption_get
SELECT id, session_id, type, start_time, end_time, duration FROM span_interruptions WHERE id = #{id};

-- name: interruptions_of_session
SELECT id, session_id, type, start_time, end_time, duration FROM span_interruptions
WHERE session_id = #{session_id} ORDER BY start_time, id;

-- name: interruption_put
INSERT INTO span_interruptions (id, session_id, user_id, type, start_time, end_time, duration)
VALUES (#{id}, #{session_id}, #{user_id}, #{type}, #{start_time}, #{end_time}, #{duration})
ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id, user_id = excluded.user_id,
  type = excluded.type, start_time = excluded.start_time, end_time = excluded.end_time,
  duration = excluded.duration;

-- name: interruption_delete
DELETE FROM span_interruptions WHERE id = #{id};

-- name: day_get
SELECT cells FROM rollup_days WHERE user_id = #{user_id} AND timezone = #{timezone} AND local_date = #{local_date};

-- name: day_put
INSERT INTO rollup_days (user_id, timezone, local_date, cells)
VALUES (#{user_id}, #{timezone}, #{local_date}, #{cells})
ON CONFLICT (user_id, timezone, local_date) DO UPDATE SET cells = excluded.cells;

-- name: day_delete
DELETE FROM rollup_days WHERE user_id = #{user_id} AND timezone = #{timezone} AND local_date = #{local_date};

-- name: days_of_user
SELECT timezone, local_date, cells FROM rollup_days WHERE user_id = #{user_id};

-- name: purge_days
DELETE FROM rollup_days WHERE user_id = #{user_id};

-- name: purge_sessions
DELETE FROM span_sessions WHERE user_id = #{user_id};

-- name: purge_interruptions
DELETE FROM span_interruptions WHERE user_id = #{user_id};
