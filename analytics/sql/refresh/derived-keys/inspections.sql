-- The pairs of the inspections in changed_rows, and of the inspections they correct (a correction takes the
-- corrected record out of current_inspections).
INSERT INTO changed_pairs
SELECT unit_code, enterprise_credit_code FROM changed_rows
UNION ALL
SELECT i.unit_code, i.enterprise_credit_code FROM changed_rows c JOIN inspections i ON i.inspection_id = c.corrects_inspection_id;
