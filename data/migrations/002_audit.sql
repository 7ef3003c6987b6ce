-- Append-only audit trail. The application never updates or deletes rows here;
-- the UI offers no way to edit it.
CREATE SEQUENCE audit_log_id START 1;

CREATE TABLE audit_log (
    id       BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'),
    occurred_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor    VARCHAR NOT NULL,       -- user name, 'cli:<os user>' or 'system'
    action   VARCHAR NOT NULL,       -- e.g. sign_in, sign_in_failed, upload, rollback, target_set
    target   VARCHAR,                -- what was acted on (batch id, indicator/year, user name …)
    before   VARCHAR,                -- JSON, NULL when nothing existed before
    after    VARCHAR,                -- JSON, NULL when removed
    detail   VARCHAR
);
