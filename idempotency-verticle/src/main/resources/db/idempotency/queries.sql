-- name: find
SELECT fingerprint, status, body FROM responses
WHERE scope = #{scope} AND key = #{key} AND created_at >= #{since};

-- name: keep
INSERT OR REPLACE INTO responses (scope, key, fingerprint, status, body, created_at)
VALUES (#{scope}, #{key}, #{fingerprint}, #{status}, #{body}, #{created_at});

-- name: purge_before
DELETE FROM responses WHERE created_at < #{before};

-- name: purge_scope
DELETE FROM responses WHERE scope = #{scope};
