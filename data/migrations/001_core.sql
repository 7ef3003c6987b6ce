-- Core schema: reference data, monthly facts, upload batches.
-- Facts are append-only and versioned by batch: a newer batch for the same
-- unit-month does not overwrite the older rows, it flips `is_current`, so a
-- rollback can restore exactly what was replaced. Fact tables carry no
-- primary-key index (it would cost hundreds of MB at national scale); the
-- ingest layer rejects duplicate unit-field-months before anything is written.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE units (
    code       VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    unit_type  VARCHAR NOT NULL CHECK (unit_type IN
        ('department', 'ward', 'commune', 'special_zone', 'district', 'public_service_unit')),
    valid_from DATE NOT NULL DEFAULT DATE '2000-01-01',
    valid_to   DATE,                      -- last day the unit exists; NULL = still active
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE fields (
    code   VARCHAR PRIMARY KEY,
    name   VARCHAR NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

-- One target per indicator and year; unit_type '*' applies to every unit type
-- unless a more specific row exists.
CREATE TABLE targets (
    indicator VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    unit_type VARCHAR NOT NULL DEFAULT '*',
    value     DOUBLE  NOT NULL,
    PRIMARY KEY (indicator, year, unit_type)
);

-- Free-form configuration (evaluation weights, bands, thresholds) as JSON text.
CREATE TABLE settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE SEQUENCE upload_batch_id START 1;

CREATE TABLE upload_batches (
    id             INTEGER PRIMARY KEY DEFAULT nextval('upload_batch_id'),
    source_file    VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    uploaded_by    VARCHAR NOT NULL,
    uploaded_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    row_count      INTEGER NOT NULL,
    status         VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'rolled_back')),
    rolled_back_by VARCHAR,
    rolled_back_at TIMESTAMP
);

CREATE TABLE dossier_facts (
    batch_id              INTEGER NOT NULL,
    unit_code             VARCHAR NOT NULL,
    field_code            VARCHAR NOT NULL,
    month                 DATE    NOT NULL,  -- first day of the month
    is_current            BOOLEAN NOT NULL DEFAULT TRUE,
    received_total        INTEGER NOT NULL,
    received_online       INTEGER NOT NULL,
    received_direct       INTEGER NOT NULL,
    received_carried_over INTEGER NOT NULL,
    resolved_total        INTEGER NOT NULL,
    resolved_early        INTEGER NOT NULL,
    resolved_on_time      INTEGER NOT NULL,
    resolved_late         INTEGER NOT NULL,
    pending_total         INTEGER NOT NULL,
    pending_on_time       INTEGER NOT NULL,
    pending_overdue       INTEGER NOT NULL,
    received_full_process INTEGER NOT NULL DEFAULT 0,
    fee_dossiers          INTEGER NOT NULL DEFAULT 0,
    fee_paid_online       INTEGER NOT NULL DEFAULT 0,
    electronic_results    INTEGER NOT NULL DEFAULT 0,
    digitised             INTEGER NOT NULL DEFAULT 0,
    late_without_reason   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE document_facts (
    batch_id                        INTEGER NOT NULL,
    unit_code                       VARCHAR NOT NULL,
    month                           DATE    NOT NULL,
    is_current                      BOOLEAN NOT NULL DEFAULT TRUE,
    docs_outgoing_total             INTEGER NOT NULL,
    docs_outgoing_signed_electronic INTEGER NOT NULL
);

CREATE TABLE task_facts (
    batch_id                  INTEGER NOT NULL,
    unit_code                 VARCHAR NOT NULL,
    month                     DATE    NOT NULL,
    is_current                BOOLEAN NOT NULL DEFAULT TRUE,
    tasks_due                 INTEGER NOT NULL,
    tasks_done_on_time        INTEGER NOT NULL,
    tasks_done_late           INTEGER NOT NULL,
    tasks_overdue_open        INTEGER NOT NULL,
    tasks_late_without_reason INTEGER NOT NULL DEFAULT 0
);
