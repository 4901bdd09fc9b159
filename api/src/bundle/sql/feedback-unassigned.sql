-- Feedback (反馈) answers an assignment (交办): a known hazard that no assignment names.
SELECT s.line, s.hazard_ledger_no
FROM bundle_feedback s
WHERE s.hazard_ledger_no IS NOT NULL
  AND (EXISTS (SELECT 1 FROM bundle_hazards b WHERE b.first AND b.ledger_no = s.hazard_ledger_no)
       OR EXISTS (SELECT 1 FROM hazards d WHERE d.ledger_no = s.hazard_ledger_no))
  AND NOT EXISTS (SELECT 1 FROM bundle_assignments b WHERE b.first AND b.hazard_ledger_no = s.hazard_ledger_no)
  AND NOT EXISTS (SELECT 1 FROM assignments d WHERE d.hazard_ledger_no = s.hazard_ledger_no)
ORDER BY s.line
