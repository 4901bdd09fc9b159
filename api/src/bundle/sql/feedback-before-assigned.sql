-- assigned ≤ each feedback (反馈): the bundle's feedback, and the ledger's feedback on hazards whose
-- assignment the bundle brings or corrects, dated before the assignment as it would be after the import.
SELECT f.line AS feedback_line, a.line AS assignment_line, f.feedback_on::text, a.assigned_on::text
FROM (
  SELECT s.line, s.hazard_ledger_no, s.feedback_on FROM bundle_feedback s
  UNION ALL
  SELECT NULL, d.hazard_ledger_no, d.feedback_on FROM feedback d
  WHERE d.hazard_ledger_no IN (SELECT b.hazard_ledger_no FROM bundle_assignments b WHERE b.hazard_ledger_no IS NOT NULL)
) f JOIN after_assignments a ON a.hazard_ledger_no = f.hazard_ledger_no
WHERE f.feedback_on < a.assigned_on AND (f.line IS NOT NULL OR a.line IS NOT NULL)
ORDER BY f.line, a.line, f.feedback_on
