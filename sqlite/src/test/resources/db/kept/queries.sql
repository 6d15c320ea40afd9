-- name: idempotent_find
SELECT fingerprint, status, body FROM idempotent_responses
WHERE scope = #{scope} AND key = #{key} AND created_at >= #{since};

-- name: idempotent_keep
-- A key still held keeps its first response; one older than 24 hours (not purged yet) is replaced.
INSERT INTO idempotent_responses (scope, key, fingerprint, status, body, created_at)
VALUES (#{scope}, #{key}, #{fingerprint}, #{status}, #{body}, #{created_at})
ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
  body = excluded.body, created_at = excluded.created_at
WHERE idempotent_responses.created_at < #{since};

-- name: idempotent_purge_before
DELETE FROM idempotent_responses WHERE created_at < #{before};

-- name: idempotent_purge_scope
DELETE FROM idempotent_responses WHERE scope = #{scope};
