-- Feedback is given by the unit a hazard is assigned to, or by the hazard's own unit: the feedback whose
-- hazard has owners, none of them $1.
SELECT line, hazard_ledger_no, owners
FROM (
  SELECT s.line, s.hazard_ledger_no, array_remove(ARRAY[
    (SELECT h.unit_code FROM after_hazards h WHERE h.ledger_no = s.hazard_ledger_no),
    (SELECT a.unit_code FROM after_assignments a WHERE a.hazard_ledger_no = s.hazard_ledger_no)], NULL) AS owners
  FROM bundle_feedback s
) o
WHERE cardinality(owners) > 0 AND NOT $1 = ANY(owners)
ORDER BY line
