-- 交办 is the city's act: a county may repeat an assignment of its own hazard to itself, nothing else.
SELECT line, owners
FROM (
  SELECT s.line, ARRAY[(SELECT h.unit_code FROM after_hazards h WHERE h.ledger_no = s.hazard_ledger_no), s.unit_code] AS owners
  FROM bundle_assignments s
) o
WHERE EXISTS (SELECT 1 FROM unnest(owners) u WHERE u <> $1)
ORDER BY line
