-- I2's `flagged` of unit $unit: the checked in-scope enterprises with at least one finding on an
-- inspection by $unit in the window, with those findings.
SELECT ec.credit_code AS "creditCode", ec.name,
  list(DISTINCT f.finding ORDER BY f.finding) AS findings
FROM enterprise_checks($from, $eom) ec
JOIN current_inspections i ON i.unit_code = ec.unit_code AND i.enterprise_credit_code = ec.credit_code
  AND i.inspected_on BETWEEN $from AND $eom
JOIN findings f ON f.inspection_id = i.inspection_id
WHERE ec.unit_code = $unit AND ec.flagged
GROUP BY ec.credit_code, ec.name
ORDER BY ec.credit_code;
