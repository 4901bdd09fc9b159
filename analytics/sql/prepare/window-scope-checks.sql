-- Derived after every load and refresh (analytics/src/prepare.ts): I2's in-scope enterprises
-- (enterprise-scope.sql) per window start and jurisdiction unit, counted by the calendar month of the first
-- inspection their own unit made of them on or after the start (checked) and of its first such with a
-- finding (flagged), NULL when there is none (window-inspection-firsts.sql). A recompute bucketises these
-- months (as in window-hazard-months.sql): a first past the window's last month end falls in no bucket.
CREATE OR REPLACE TABLE window_scope_checks AS
SELECT s.from_on, e.unit_code,
  date_trunc('month', f.first_on)::DATE AS checked_month,
  date_trunc('month', f.flagged_on)::DATE AS flagged_month,
  count(*) AS n
FROM (SELECT DISTINCT start_on AS from_on FROM campaigns) s
CROSS JOIN enterprise_scope e
LEFT JOIN window_inspection_firsts f ON f.from_on = s.from_on AND f.pair_id = e.pair_id
GROUP BY ALL;
