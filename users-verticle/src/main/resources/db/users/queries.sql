-- name: insert
INSERT INTO users (name, email, email_key, timezone, token_hash, created_at)
VALUES (#{name}, #{email}, #{email_key}, #{timezone}, #{token_hash}, #{created_at})
RETURNING id, name, email, timezone, created_at;

-- name: get
-- A user whose deletion has begun (a tombstone) is gone for every purpose but finishing it.
SELECT id, name, email, timezone, created_at FROM users
WHERE id = #{id} AND NOT EXISTS (SELECT 1 FROM tombstones WHERE user_id = #{id});

-- name: deletable
-- A user, or a deletion still to finish: the row may already be gone (a crash of an older version).
SELECT #{id} AS id
WHERE EXISTS (SELECT 1 FROM users WHERE id = #{id}) OR EXISTS (SELECT 1 FROM tombstones WHERE user_id = #{id});

-- name: by_token
-- Still answers for a user whose deletion has begun, so that the user can repeat the DELETE.
SELECT id FROM users WHERE token_hash = #{token_hash};

-- name: update
UPDATE users SET name = COALESCE(#{name}, name), timezone = COALESCE(#{timezone}, timezone)
WHERE id = #{id} AND NOT EXISTS (SELECT 1 FROM tombstones WHERE user_id = #{id})
RETURNING id, name, email, timezone, created_at;

-- name: set_token
UPDATE users SET token_hash = #{token_hash}
WHERE id = #{id} AND NOT EXISTS (SELECT 1 FROM tombstones WHERE user_id = #{id});

-- name: delete
DELETE FROM users WHERE id = #{id};

-- name: add_tombstone
INSERT OR IGNORE INTO tombstones (user_id, deleted_at) VALUES (#{id}, #{deleted_at});

-- name: remove_tombstone
DELETE FROM tombstones WHERE user_id = #{id};

-- name: tombstones
SELECT user_id FROM tombstones ORDER BY user_id;

-- name: set_calendar_key
UPDATE users SET calendar_key_hash = #{calendar_key_hash}
WHERE id = #{id} AND NOT EXISTS (SELECT 1 FROM tombstones WHERE user_id = #{id});

-- name: calendar_key_of
-- The key's hash is compared in Java, in constant time, not in the WHERE clause.
SELECT id, name, email, timezone, created_at, calendar_key_hash FROM users
WHERE id = #{id} AND NOT EXISTS (SELECT 1 FROM tombstones WHERE user_id = #{id});
