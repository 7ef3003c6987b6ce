-- Server-side sign-in sessions and sign-in attempt counters (issue 13 §3 and §6).
-- Every page run checks its session row, so ending a row (sign-out, sign-out everywhere,
-- password reset, role change, deactivation, expiry) ends that session in every tab.
CREATE TABLE sessions (
    id            VARCHAR PRIMARY KEY,   -- random 128-bit id; lives only in server memory, never in a cookie
    username      VARCHAR NOT NULL,
    source        VARCHAR NOT NULL CHECK (source IN ('local', 'sso')),
    created_at    TIMESTAMP NOT NULL,    -- UTC; the absolute lifetime counts from here
    last_seen     TIMESTAMP NOT NULL,    -- UTC; the idle lifetime counts from here
    ended_at      TIMESTAMP,             -- UTC; NULL while the session is live
    end_reason    VARCHAR,               -- sign_out, sign_out_everywhere, password_reset, role_changed, ...
    cookie_hash   VARCHAR,               -- sha256 of the browser's session cookie (local accounts); never the cookie
    claim_hash    VARCHAR,               -- sha256 of the one-time code the browser trades for that cookie
    claim_expires TIMESTAMP,             -- UTC; the code is refused after this
    sso_binding   VARCHAR                -- sha256 of the single sign-on identity claims (Streamlit's auth cookie)
);

-- One row per sign-in attempt, read to limit attempts per client address and per typed name.
-- In the database, not in memory, so the limits hold across several server processes.
-- The typed name is kept only as a hash: people type passwords into the name box.
CREATE TABLE sign_in_attempts (
    id           VARCHAR PRIMARY KEY,    -- random, to record the outcome once the password is checked
    attempted_at TIMESTAMP NOT NULL,     -- UTC
    client_ip    VARCHAR,                -- NULL when the address is unknown
    name_key     VARCHAR NOT NULL,       -- sha256 of the normalised typed name
    outcome      VARCHAR NOT NULL CHECK (outcome IN ('pending', 'ok', 'failed', 'limited'))
);
