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

-- name: insert_checked
-- fails at run time with SQLITE_ERROR (integer overflow) when #{text} is 'overflow'
INSERT INTO notes (text) SELECT #{text} WHERE #{text} <> 'overflow' OR abs(-9223372036854775808) > 0 RETURNING id;
