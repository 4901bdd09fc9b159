-- Upkeep after a refresh (analytics/src/prepare.ts): the rows of missed_feedback_months of every unit an
-- assignment that changed was (or is) given to, and of the units the changed hazards (their closed day)
-- and changed feedback are assigned to, made again as prepare/missed-feedback-months.sql makes them (its
-- twin below: a change to the macro missed_feedback is made here too): a unit's rows read only its
-- assignments, their hazards and their feedback.
CREATE OR REPLACE TEMP TABLE feedback_units AS
SELECT unit_code FROM changed_assignments
UNION SELECT a.unit_code FROM assignments a
WHERE a.hazard_ledger_no IN (SELECT ledger_no FROM changed_hazards UNION SELECT ledger_no FROM changed_feedback_hazards);
DELETE FROM missed_feedback_months WHERE unit_code IN (SELECT unit_code FROM feedback_units);
-- scoring/missed-feedback.sql's missed_feedback for the assignments of these units alone: through the
-- macro, every assignment of the ledger is expanded into its Fridays and every feedback made distinct
-- before the units are picked (0.2 s of CPU at nation scale)
INSERT INTO missed_feedback_months BY NAME
WITH mine AS (
  SELECT a.unit_code, a.hazard_ledger_no, a.assigned_on, h.closed_on
  FROM assignments a
  JOIN hazards h ON h.ledger_no = a.hazard_ledger_no
  WHERE a.unit_code IN (SELECT unit_code FROM feedback_units)
),
fridays AS (
  SELECT m.unit_code, m.hazard_ledger_no, f::DATE AS friday
  FROM mine m,
  LATERAL generate_series(friday_on_or_after(m.assigned_on + 1)::TIMESTAMP,
    (SELECT max(last_day(strptime(last_month || '-01', '%Y-%m-%d')::DATE)) FROM campaigns)::TIMESTAMP, INTERVAL 7 DAY) t(f)
  WHERE m.closed_on IS NULL OR f::DATE < m.closed_on
),
covered AS (
  SELECT DISTINCT hazard_ledger_no, friday_on_or_after(feedback_on) AS friday FROM feedback
  WHERE hazard_ledger_no IN (SELECT hazard_ledger_no FROM mine)
)
SELECT fr.unit_code, date_trunc('month', fr.friday)::DATE AS month_on, count(*) AS n
FROM fridays fr
ANTI JOIN covered c ON c.hazard_ledger_no = fr.hazard_ledger_no AND c.friday = fr.friday
GROUP BY ALL;
DROP TABLE feedback_units;
