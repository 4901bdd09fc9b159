-- Upkeep after a refresh (analytics/src/prepare.ts): the rows of missed_feedback_months of every unit an
-- assignment that changed was (or is) given to, and of the units the changed hazards (their closed day)
-- and changed feedback are assigned to, made again as prepare/missed-feedback-months.sql makes them: a
-- unit's rows read only its assignments, their hazards and their feedback.
CREATE OR REPLACE TEMP TABLE feedback_units AS
SELECT unit_code FROM changed_assignments
UNION SELECT a.unit_code FROM assignments a
WHERE a.hazard_ledger_no IN (SELECT ledger_no FROM changed_hazards UNION SELECT ledger_no FROM changed_feedback_hazards);
DELETE FROM missed_feedback_months WHERE unit_code IN (SELECT unit_code FROM feedback_units);
INSERT INTO missed_feedback_months BY NAME
SELECT unit_code, date_trunc('month', friday)::DATE AS month_on, count(*) AS n
FROM missed_feedback((SELECT max(last_day(strptime(last_month || '-01', '%Y-%m-%d')::DATE)) FROM campaigns))
WHERE unit_code IN (SELECT unit_code FROM feedback_units)
GROUP BY ALL;
DROP TABLE feedback_units;
