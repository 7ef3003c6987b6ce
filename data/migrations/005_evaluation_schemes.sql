-- Versioned evaluation schemes and frozen ratings (issue 9).
--
-- A scheme (weights, tolerance, thresholds, coverage rule, cap policy, improvement weight)
-- applies from its first month on; a period is rated with the newest scheme whose
-- `applies_from` is on or before the period's first month, so saving new settings never
-- re-rates the past. `status` stays 'proposal' ("đề xuất, chưa ban hành") until an
-- administrator records the decision that adopted it.

CREATE SEQUENCE evaluation_scheme_id START 1;

CREATE TABLE evaluation_schemes (
    id           INTEGER PRIMARY KEY DEFAULT nextval('evaluation_scheme_id'),
    applies_from DATE NOT NULL,
    config       VARCHAR NOT NULL,          -- JSON of metrics.evaluation.EvaluationConfig
    status       VARCHAR NOT NULL DEFAULT 'proposal' CHECK (status IN ('proposal', 'adopted')),
    decision     VARCHAR,                   -- e.g. "Quyết định số …/QĐ-UBND ngày …"
    created_by   VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The settings saved before versioning become the first scheme, applying to every period.
INSERT INTO evaluation_schemes (applies_from, config, created_by)
SELECT DATE '2000-01-01', value, 'migration' FROM settings WHERE key = 'evaluation';
DELETE FROM settings WHERE key = 'evaluation';

-- A finalised ("chốt") evaluation: one row per period and unit, holding the result as
-- it was shown, the scheme used and a fingerprint of the data it was computed from.
CREATE TABLE evaluation_finals (
    period          VARCHAR NOT NULL,       -- metrics.periods.Period text form
    unit_code       VARCHAR NOT NULL,
    scheme_id       INTEGER,                -- NULL: the built-in default scheme
    result          VARCHAR NOT NULL,       -- JSON of the evaluation row
    fingerprint     VARCHAR NOT NULL,
    finalised_by    VARCHAR NOT NULL,
    finalised_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (period, unit_code)
);
