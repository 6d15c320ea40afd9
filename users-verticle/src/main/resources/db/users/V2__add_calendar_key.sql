-- The SHA-256 of the user's calendar-feed key (issue 19); null until one is issued. A new key
-- replaces it, which revokes the previous one.
ALTER TABLE users ADD COLUMN calendar_key_hash TEXT;
