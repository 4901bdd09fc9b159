-- found ≤ assigned ≤ closed: each assignment (交办) and its hazard, as they would be after the import,
-- of which the bundle brings at least one side and that breaks one of the two.
SELECT a.line AS assignment_line, h.line AS hazard_line, a.assigned_on::text, h.found_on::text, h.closed_on::text
FROM after_assignments a JOIN after_hazards h ON h.ledger_no = a.hazard_ledger_no
WHERE a.assigned_on IS NOT NULL AND (a.line IS NOT NULL OR h.line IS NOT NULL)
  AND (a.assigned_on < h.found_on OR a.assigned_on > h.closed_on)
ORDER BY a.line, h.line
