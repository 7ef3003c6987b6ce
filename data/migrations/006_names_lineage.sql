-- Names as people write them, and where units went when they were merged.
--
-- field_aliases: other names of a field (ministry names, national procedure catalogue
-- fields). Several rows of one file that reach the same field through different names
-- are summed at import. Matching compares normalised names (case, diacritics, dashes,
-- "và"/"&", hidden characters), so `alias` is stored as written, for display.
CREATE TABLE field_aliases (
    alias      VARCHAR PRIMARY KEY,
    field_code VARCHAR NOT NULL,
    note       VARCHAR
);

-- unit_lineage: a unit that stopped existing and the unit(s) that carry its work from
-- `effective_date`. One successor: data sent under the old name for later months is
-- recorded for the successor. Several successors (a district split into wards): the
-- sender must name the new unit.
CREATE TABLE unit_lineage (
    predecessor_code VARCHAR NOT NULL,
    successor_code   VARCHAR NOT NULL,
    effective_date   DATE    NOT NULL,
    note             VARCHAR,
    PRIMARY KEY (predecessor_code, successor_code),
    CHECK (predecessor_code <> successor_code)
);

-- Reference fix: the 2025 commune formed from Trà Mai and Trà Don is "Xã Nam Trà My";
-- it was shipped as "Xã Trà Mai" (code xa-tra-mai). Choice: rename, not keep the wrong
-- unit as a closed predecessor, because no unit called "Xã Trà Mai" existed after
-- 01/07/2025: every fact stored under that code is Nam Trà My's. The reference loader
-- then adds the real pre-2025 commune Trà Mai under the freed code (closed 30/06/2025,
-- lineage → xa-nam-tra-my), so a file that still says "xa-tra-mai" for a later month is
-- recorded for Nam Trà My with a message. On a new database (units still empty) every
-- statement below changes nothing.
INSERT INTO units (code, name, unit_type, valid_from, valid_to)
SELECT 'xa-nam-tra-my', 'Xã Nam Trà My', unit_type, valid_from, valid_to
FROM units
WHERE code = 'xa-tra-mai' AND valid_to IS NULL
  AND NOT EXISTS (SELECT 1 FROM units WHERE code = 'xa-nam-tra-my');

UPDATE dossier_facts  SET unit_code = 'xa-nam-tra-my' WHERE unit_code = 'xa-tra-mai';
UPDATE document_facts SET unit_code = 'xa-nam-tra-my' WHERE unit_code = 'xa-tra-mai';
UPDATE task_facts     SET unit_code = 'xa-nam-tra-my' WHERE unit_code = 'xa-tra-mai';

DELETE FROM units WHERE code = 'xa-tra-mai' AND valid_to IS NULL;

-- Departments with a new name exist only since their merger (the loader inserts their
-- predecessors as closed units). Data stored before that month stays in the tables but
-- falls outside the unit's validity, like any unit's. Sở Văn hóa, Thể thao và Du lịch:
-- the date is uncertain (resolution of 26/04/2025; 01/05/2025 assumed).
UPDATE units SET valid_from = DATE '2025-03-01'
WHERE code = 'so-nong-nghiep-va-moi-truong' AND valid_from < DATE '2025-03-01';
UPDATE units SET valid_from = DATE '2025-05-01'
WHERE code = 'so-van-hoa-the-thao-va-du-lich' AND valid_from < DATE '2025-05-01';
