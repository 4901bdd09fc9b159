-- A drill is owned by the unit of its enterprise (as it would be after the import).
SELECT s.line, ARRAY[e.unit_code] AS owners
FROM bundle_drills s JOIN after_enterprises e ON e.credit_code = s.enterprise_credit_code
WHERE e.unit_code <> $1
ORDER BY s.line
