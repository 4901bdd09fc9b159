-- Derived after every load and refresh (analytics/src/prepare.ts): for each window start (a campaign's
-- start_on), each reporter (a unit's code, and 'ALL' for the dispatch's city-wide row) and each calendar
-- month, what the actions dated on or after that start add in that month (month buckets: as in
-- window-hazard-months.sql, so the window's last month end needs no place here):
--   C1 … C5, C8 (cases, crime cases, also I3's typical cases), C9, C10: counts and sums of the actions
--   C6 (suspended, closed), C7: distinct enterprises, by each (unit, enterprise)'s first such action on or
--     after the start; city-wide, each enterprise's first over all units (the first on or after the start is
--     the window's first when the window has one)
CREATE OR REPLACE TABLE window_action_months AS
WITH starts AS (
  SELECT DISTINCT start_on AS from_on FROM campaigns
),
act AS (
  SELECT s.from_on, a.unit_code, a.kind, a.crime, a.persons, a.amount_wan, a.acted_on, a.enterprise_credit_code,
    date_trunc('month', a.acted_on)::DATE AS month_on
  FROM starts s
  JOIN actions a ON a.acted_on >= s.from_on
),
counted AS (
  SELECT from_on, CASE WHEN grouping(unit_code) = 1 THEN 'ALL' ELSE unit_code END AS reporter, month_on,
    count(*) FILTER (WHERE kind = 'assistance_unit') AS C1,
    count(*) FILTER (WHERE kind = 'assistance_enterprise') AS C2,
    count(*) FILTER (WHERE kind = 'penalty') AS C3_count,
    sum(amount_wan) FILTER (WHERE kind = 'penalty') AS C3_amount_wan,
    count(*) FILTER (WHERE kind = 'dual_penalty') AS C4,
    sum(persons) FILTER (WHERE kind = 'judicial_transfer') AS C5,
    count(*) FILTER (WHERE kind = 'typical_case') AS C8_cases,
    count(*) FILTER (WHERE kind = 'typical_case' AND crime) AS C8_crime_cases,
    sum(persons) FILTER (WHERE kind = 'accountability') AS C9,
    count(*) FILTER (WHERE kind = 'interview_unit') AS C10
  FROM act
  GROUP BY GROUPING SETS ((from_on, unit_code, month_on), (from_on, month_on))
),
act_firsts AS (
  SELECT from_on, unit_code AS reporter, enterprise_credit_code,
    min(acted_on) FILTER (WHERE kind = 'suspension') AS suspended_on,
    min(acted_on) FILTER (WHERE kind = 'closure') AS closed_on,
    min(acted_on) FILTER (WHERE kind IN ('exposure', 'interview', 'joint_punishment')) AS c7_on
  FROM act
  WHERE enterprise_credit_code IS NOT NULL AND kind IN ('suspension', 'closure', 'exposure', 'interview', 'joint_punishment')
  GROUP BY from_on, unit_code, enterprise_credit_code
),
act_firsts_all AS (
  SELECT from_on, reporter, suspended_on, closed_on, c7_on FROM act_firsts
  UNION ALL
  SELECT from_on, 'ALL', min(suspended_on), min(closed_on), min(c7_on) FROM act_firsts GROUP BY from_on, enterprise_credit_code
),
firsts AS (
  SELECT from_on, reporter, date_trunc('month', suspended_on)::DATE AS month_on, count(*) AS C6_suspended
  FROM act_firsts_all WHERE suspended_on IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME
  SELECT from_on, reporter, date_trunc('month', closed_on)::DATE AS month_on, count(*) AS C6_closed
  FROM act_firsts_all WHERE closed_on IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME
  SELECT from_on, reporter, date_trunc('month', c7_on)::DATE AS month_on, count(*) AS C7
  FROM act_firsts_all WHERE c7_on IS NOT NULL GROUP BY ALL
)
-- one row per (start, reporter, month); NULL where nothing of that figure falls in the month
SELECT from_on, reporter, month_on,
  max(C1) AS C1, max(C2) AS C2, max(C3_count) AS C3_count, max(C3_amount_wan) AS C3_amount_wan, max(C4) AS C4,
  max(C5) AS C5, sum(C6_suspended)::BIGINT AS C6_suspended, sum(C6_closed)::BIGINT AS C6_closed, sum(C7)::BIGINT AS C7,
  max(C8_cases) AS C8_cases, max(C8_crime_cases) AS C8_crime_cases, max(C9) AS C9, max(C10) AS C10
FROM (SELECT * FROM counted UNION ALL BY NAME SELECT * FROM firsts) x
GROUP BY from_on, reporter, month_on;
