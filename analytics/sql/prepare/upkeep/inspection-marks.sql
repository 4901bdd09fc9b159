-- Upkeep after a refresh (analytics/src/prepare.ts): the changed pairs' rows of inspection_marks made
-- again, as prepare/inspection-marks.sql makes them.
DELETE FROM inspection_marks WHERE pair_id IN (SELECT pair_id FROM changed_pair_ids);
INSERT INTO inspection_marks
SELECT p.pair_id, i.inspected_on, i.major_hazards_found, coalesce(f.mask, 0)::INTEGER AS mask
FROM current_inspections i
JOIN changed_pair_ids p ON p.unit_code = i.unit_code AND p.enterprise_credit_code = i.enterprise_credit_code
LEFT JOIN (
  SELECT inspection_id, bit_or(finding_bit(finding)) AS mask FROM findings
  WHERE inspection_id IN (
    SELECT i.inspection_id FROM inspections i
    SEMI JOIN changed_pair_ids p ON p.unit_code = i.unit_code AND p.enterprise_credit_code = i.enterprise_credit_code)
  GROUP BY inspection_id
) f ON f.inspection_id = i.inspection_id;
