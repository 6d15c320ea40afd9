-- The response to each (scope, Idempotency-Key) of a write this domain made (kept in the write's
-- transaction) or refused with a 4xx, for 24 hours; a deleted user's go with the user.
CREATE TABLE idempotent_responses (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE INDEX idempotent_responses_created_at ON idempotent_responses (created_at);
