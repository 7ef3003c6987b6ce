-- Not reported is not zero (issue 9).
--
-- 1. Every count column becomes nullable with no default: NULL means the unit did not
--    report the figure ("không báo cáo"), an explicit 0 stays 0.
-- 2. The one "late without a legitimate reason" count mixed a flow (resolved late) and a
--    stock (overdue in progress), so summing it over months counted an item overdue for
--    three months three times. It is split in two, for dossiers and for tasks:
--      resolved_late_unexcused   (flow, ≤ resolved_late)     pending_overdue_unexcused (stock, ≤ pending_overdue)
--      tasks_done_late_unexcused (flow, ≤ tasks_done_late)   tasks_overdue_unexcused   (stock, ≤ tasks_overdue_open)
--
-- Existing rows (best effort, the old data cannot say more):
-- * Dossier rows whose five figures beyond Biểu 06 (full-process, fee, paid online,
--   e-results, digitised) and the late count are ALL 0 were imported from the official form,
--   which does not carry them: the importer invented those zeros. They become NULL. A unit
--   that really reported 0 for all six keeps the same rates anyway (0/0 stays no data) except
--   that the figures now read "không báo cáo".
-- * The old late count is split: up to resolved_late goes to the flow part, the rest (up to
--   pending_overdue) to the stock part.

ALTER TABLE dossier_facts ALTER COLUMN received_total DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN received_online DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN received_direct DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN received_carried_over DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN resolved_total DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN resolved_early DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN resolved_on_time DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN resolved_late DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN pending_total DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN pending_on_time DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN pending_overdue DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN received_full_process DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN received_full_process DROP DEFAULT;
ALTER TABLE dossier_facts ALTER COLUMN fee_dossiers DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN fee_dossiers DROP DEFAULT;
ALTER TABLE dossier_facts ALTER COLUMN fee_paid_online DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN fee_paid_online DROP DEFAULT;
ALTER TABLE dossier_facts ALTER COLUMN electronic_results DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN electronic_results DROP DEFAULT;
ALTER TABLE dossier_facts ALTER COLUMN digitised DROP NOT NULL;
ALTER TABLE dossier_facts ALTER COLUMN digitised DROP DEFAULT;


ALTER TABLE dossier_facts ADD COLUMN resolved_late_unexcused INTEGER;
ALTER TABLE dossier_facts ADD COLUMN pending_overdue_unexcused INTEGER;
UPDATE dossier_facts SET
    resolved_late_unexcused = least(late_without_reason, resolved_late),
    pending_overdue_unexcused = least(greatest(late_without_reason - resolved_late, 0), pending_overdue);

UPDATE dossier_facts SET
    received_full_process = NULL, fee_dossiers = NULL, fee_paid_online = NULL,
    electronic_results = NULL, digitised = NULL,
    resolved_late_unexcused = NULL, pending_overdue_unexcused = NULL
WHERE received_full_process = 0 AND fee_dossiers = 0 AND fee_paid_online = 0
  AND electronic_results = 0 AND digitised = 0 AND late_without_reason = 0;

ALTER TABLE dossier_facts DROP COLUMN late_without_reason;


ALTER TABLE document_facts ALTER COLUMN docs_outgoing_total DROP NOT NULL;
ALTER TABLE document_facts ALTER COLUMN docs_outgoing_signed_electronic DROP NOT NULL;

ALTER TABLE task_facts ADD COLUMN tasks_done_late_unexcused INTEGER;
ALTER TABLE task_facts ADD COLUMN tasks_overdue_unexcused INTEGER;
UPDATE task_facts SET
    tasks_done_late_unexcused = least(tasks_late_without_reason, tasks_done_late),
    tasks_overdue_unexcused = least(greatest(tasks_late_without_reason - tasks_done_late, 0), tasks_overdue_open);
ALTER TABLE task_facts DROP COLUMN tasks_late_without_reason;
ALTER TABLE task_facts ALTER COLUMN tasks_due DROP NOT NULL;
ALTER TABLE task_facts ALTER COLUMN tasks_done_on_time DROP NOT NULL;
ALTER TABLE task_facts ALTER COLUMN tasks_done_late DROP NOT NULL;
ALTER TABLE task_facts ALTER COLUMN tasks_overdue_open DROP NOT NULL;
