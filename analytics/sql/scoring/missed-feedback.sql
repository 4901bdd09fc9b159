-- Deduction `missed_feedback`: each pair (hazard assigned to a unit, Friday f) with assigned date < f
-- ≤ p_eom and f before the hazard's closed date (when it has one) that has no feedback dated
-- f − 6 … f. The unit is the assignment's unit (交办 goes to a county-level unit).
-- A feedback dated x lies in f − 6 … f of exactly one Friday, the first on or after x: so "covered"
-- pairs are found by equality, with an ANTI JOIN (measured 2.5× faster here than NOT EXISTS, which
-- DuckDB plans as a mark join) rather than a range join over every feedback.
-- prepare/upkeep/missed-feedback-months.sql restates it for some units' assignments: a change is made there too.
CREATE MACRO missed_feedback(p_eom) AS TABLE
WITH fridays AS (
  SELECT a.unit_code, a.hazard_ledger_no, a.assigned_on, h.closed_on, f::DATE AS friday
  FROM assignments a
  JOIN hazards h ON h.ledger_no = a.hazard_ledger_no,
  LATERAL generate_series(friday_on_or_after(a.assigned_on + 1)::TIMESTAMP, p_eom::TIMESTAMP, INTERVAL 7 DAY) t(f)
  WHERE h.closed_on IS NULL OR f::DATE < h.closed_on
),
covered AS (
  SELECT DISTINCT hazard_ledger_no, friday_on_or_after(feedback_on) AS friday FROM feedback
)
SELECT fr.*
FROM fridays fr
ANTI JOIN covered c ON c.hazard_ledger_no = fr.hazard_ledger_no AND c.friday = fr.friday;
