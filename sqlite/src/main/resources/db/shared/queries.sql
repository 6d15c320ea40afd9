-- Statements on the tables of the shared mechanisms (IdempotentResponses, OutboxTable), loaded
-- before every domain's own queries.sql: a domain whose migrations create those tables uses them.
-- The statements that name a domain's own table (outbox_after, outbox_replay) stay in its file.

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

-- name: outbox_add
INSERT INTO outbox (user_id, row_id, payload, created_at)
VALUES (#{user_id}, #{row_id}, #{payload}, #{created_at})
RETURNING seq;

-- name: outbox_prune
DELETE FROM outbox WHERE seq <= #{seq};

-- name: outbox_last
SELECT COALESCE(MAX(seq), 0) AS seq FROM outbox;
