-- name: insert
INSERT INTO users (name, email, email_key, timezone, token_hash, created_at)
VALUES (#{name}, #{email}, #{email_key}, #{timezone}, #{token_hash}, #{created_at})
RETURNING id, name, email, timezone, created_at;

-- name: get
SELECT id, name, email, timezone, created_at FROM users WHERE id = #{id};

-- name: by_token
SELECT id FROM users WHERE token_hash = #{token_hash};

-- name: update
UPDATE users SET name = COALESCE(#{name}, name), timezone = COALESCE(#{timezone}, timezone)
WHERE id = #{id}
RETURNING id, name, email, timezone, created_at;

-- name: set_token
UPDATE users SET token_hash = #{token_hash} WHERE id = #{id};

-- name: delete
DELETE FROM users WHERE id = #{id};

-- name: add_tombstone
INSERT OR REPLACE INTO tombstones (user_id, deleted_at) VALUES (#{id}, #{deleted_at});

-- name: remove_tombstone
DELETE FROM tombstones WHERE user_id = #{id};

-- name: tombstones
SELECT user_id FROM tombstones ORDER BY user_id;
