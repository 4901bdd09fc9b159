-- Deduction `missed_feedback`: each pair (hazard assigned to a unit, Friday f) with assigned date < f
-- ≤ p_eom and f before the hazard's closed date (when it has one) that has no feedback dated
-- f − 6 … f. The unit is the assignment's unit (交办 goes to a county-level unit).
CREATE MACRO missed_feedback(p_eom) AS TABLE
WITH fridays AS (
  SELECT a.unit_code, a.hazard_ledger_no, a.assigned_on, h.closed_on, f::DATE AS friday
  FROM assignments a
  JOIN hazards h ON h.ledger_no = a.hazard_ledger_no,
  LATERAL generate_series((a.assigned_on + 1)::TIMESTAMP, p_eom::TIMESTAMP, INTERVAL 1 DAY) t(f)
  WHERE isodow(f) = 5 AND (h.closed_on IS NULL OR f::DATE < h.closed_on)
)
SELECT fr.*
FROM fridays fr
WHERE NOT EXISTS (
  SELECT 1 FROM feedback fb
  WHERE fb.hazard_ledger_no = fr.hazard_ledger_no AND fb.feedback_on BETWEEN fr.friday - 6 AND fr.friday
);
