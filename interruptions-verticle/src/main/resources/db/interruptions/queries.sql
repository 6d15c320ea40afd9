-- name: insert
INSERT INTO interruptions
  (session_id, user_id, type, description, start_time, end_time, duration, session_timezone, created_at)
VALUES
  (#{session_id}, #{user_id}, #{type}, #{description}, #{start_time}, #{end_time}, #{duration},
   #{session_timezone}, #{created_at})
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
