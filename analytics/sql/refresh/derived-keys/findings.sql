-- The pairs of the inspections the findings in changed_rows belong to (their mask).
INSERT INTO changed_pairs
SELECT i.unit_code, i.enterprise_credit_code FROM changed_rows c JOIN inspections i ON i.inspection_id = c.inspection_id;
