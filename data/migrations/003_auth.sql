-- Local accounts and the single sign-on role mapping.
-- Passwords are stored only as argon2 hashes; SSO-only accounts have no hash.
CREATE TABLE users (
    username        VARCHAR PRIMARY KEY,     -- lower case
    display_name    VARCHAR NOT NULL,
    role            VARCHAR NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    password_hash   VARCHAR,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP,               -- UTC; sign-in refused until then
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    last_sign_in    TIMESTAMP                -- UTC
);

-- OpenID Connect: which role a signed-in e-mail, e-mail domain ('@danang.gov.vn')
-- or group gets. The highest matching role wins.
CREATE TABLE role_mappings (
    kind    VARCHAR NOT NULL CHECK (kind IN ('email', 'group')),
    pattern VARCHAR NOT NULL,                -- lower-case e-mail, '@domain' or group name
    role    VARCHAR NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    PRIMARY KEY (kind, pattern)
);
