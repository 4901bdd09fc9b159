-- Derived after every load and refresh (analytics/src/prepare.ts): the leader inspections (I4,
-- scoring/leader-months.sql) counted per (unit, leader, calendar month), so that a recompute compares these
-- counts with the scheme's leader rule instead of grouping every leader inspection.
CREATE OR REPLACE TABLE leader_inspection_months AS
SELECT unit_code, leader_name, date_trunc('month', inspected_on)::DATE AS month_start, count(*) AS n
FROM leader_inspections
GROUP BY ALL;
