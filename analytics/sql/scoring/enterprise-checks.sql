-- I2 (企业自查自改抽查检查): each in-scope enterprise (排查范围: industry not `other`, or risk level
-- `larger` or `major`) with its jurisdiction unit_code, and whether that unit inspected it in the window
-- (checked) and found at least one of the seven problems on such an inspection (flagged).
-- Inspections by other units (the city's spot checks) do not count for the county.
CREATE MACRO enterprise_checks(p_from, p_eom) AS TABLE
SELECT e.unit_code, e.credit_code, e.name,
  EXISTS (
    SELECT 1 FROM current_inspections i
    WHERE i.unit_code = e.unit_code AND i.enterprise_credit_code = e.credit_code
      AND i.inspected_on BETWEEN p_from AND p_eom
  ) AS checked,
  EXISTS (
    SELECT 1 FROM current_inspections i JOIN findings f ON f.inspection_id = i.inspection_id
    WHERE i.unit_code = e.unit_code AND i.enterprise_credit_code = e.credit_code
      AND i.inspected_on BETWEEN p_from AND p_eom
  ) AS flagged
FROM enterprises e
WHERE e.industry <> 'other' OR e.risk_level IN ('larger', 'major');
