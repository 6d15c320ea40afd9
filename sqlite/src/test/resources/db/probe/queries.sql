-- name: insert
INSERT INTO notes (text) VALUES (#{text}) RETURNING id;

-- name: count
SELECT COUNT(*) AS n FROM notes;

-- name: versions
SELECT COUNT(*) AS n FROM schema_version;

-- name: journal_mode
PRAGMA journal_mode;

-- name: synchronous
PRAGMA synchronous;
