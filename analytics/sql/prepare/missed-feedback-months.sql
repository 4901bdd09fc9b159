-- Derived after every load and refresh (analytics/src/prepare.ts): the deduction `missed_feedback`
-- (scoring/missed-feedback.sql) counted per unit and calendar month of the Friday, for every Friday up to
-- the last day of the last assessed month of any campaign: no month a recompute is asked for ends later
-- (month-window.ts), and a Friday after a window's last month end falls in no month bucket (macros.sql), so
-- a recompute reads these few rows instead of expanding every assignment into its Fridays.
CREATE OR REPLACE TABLE missed_feedback_months AS
SELECT unit_code, date_trunc('month', friday)::DATE AS month_on, count(*) AS n
FROM missed_feedback((SELECT max(last_day(strptime(last_month || '-01', '%Y-%m-%d')::DATE)) FROM campaigns))
GROUP BY ALL;
