-- name: insert_unless_overlapping
-- one round trip for the common case; when nothing is inserted, first_overlapping names the culprit
INSERT INTO interruptions
  (session_id, user_id, type, description, start_time, end_time, duration, session_timezone, created_at)
SELECT #{session_id}, #{user_id}, #{type}, #{description}, #{start_time}, #{end_time}, #{duration},
  #{session_timezone}, #{created_at}
WHERE NOT EXISTS (
  SELECT 1 FROM interruptions
  WHERE session_id = #{session_id} AND start_time < #{end_time} AND end_time > #{start_time})
RETURNING *;

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
