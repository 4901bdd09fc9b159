-- A finding is owned by the unit of the inspection it belongs to (as it would be after the import).
SELECT s.line, ARRAY[i.unit_code] AS owners
FROM bundle_findings s JOIN after_inspections i ON i.inspection_id = s.inspection_id
WHERE i.unit_code <> $1
ORDER BY s.line
