-- The dispatch tables (调度表) of domain.md section 5 for several months at once: one row per (month i,
-- unit) for every unit, and one city-wide row per month (全市, "本行业领域", attachment note 4; city_wide,
-- distinct counts kept distinct across units). Records dated $from (campaign start) … month i's end count;
-- a hazard counts as rectified (listed) when rectified (listed) on or before that end.
--   $eoms  the months' last days, ascending (month i is $eoms[i + 1]); $first_eom, $last_eom, $day_buckets:
--          what month_bucket (macros.sql) needs
-- Every figure counts (or sums) the records whose relevant day is on or before month i's end. So each
-- record gives, per figure, the bucket of that day (the first month that counts it; NULL: none), the
-- records make one histogram per (reporter, bucket), and month i's figure is the running sum of buckets
-- 0 … i. The histograms have at most |months| rows a reporter: no record is spread over the months.
-- Distinct counts take each (unit, enterprise)'s first day. The records come already counted per calendar
-- month (the window_*_months tables, below). Rows leave in bundle.md's order: month, then province, city,
-- county and zone together, then code; the city-wide row last.
WITH
months AS (
  SELECT i - 1 AS i FROM range(1, len($eoms::DATE[]) + 1) t(i)
),
-- What each month bucket adds to each figure, per reporter (a unit, or 'ALL' for the city-wide row): the
-- histograms kept per window start and calendar month after every load (analytics/src/prepare.ts;
-- prepare/window-hazard-months.sql A1 … A10, window-inspection-months.sql B1 … B8, window-action-months.sql
-- C1 … C10), each calendar month put in its bucket. The day that makes a record count lies in one calendar
-- month, and every day of that month has the month's bucket (month ends are what the months count up to):
-- a few rows a reporter, where the records are millions. Several calendar months share bucket 0 (those up
-- to the first month's end); a month past the last month's end has none (NULL), and no month counts it.
hist AS (
  SELECT reporter, month_bucket(month_on, $first_eom, $last_eom, $day_buckets) AS b,
    A1, A2, A3, A4, A5, A6, A7, A8, A9, A10
  FROM window_hazard_months WHERE from_on = $from
  UNION ALL BY NAME
  SELECT reporter, month_bucket(month_on, $first_eom, $last_eom, $day_buckets) AS b, B1, B2, B3, B4, B5, B6, B7, B8
  FROM window_inspection_months WHERE from_on = $from
  UNION ALL BY NAME
  SELECT reporter, month_bucket(month_on, $first_eom, $last_eom, $day_buckets) AS b,
    C1, C2, C3_count, C3_amount_wan, C4, C5, C6_suspended, C6_closed, C7, C8_cases, C8_crime_cases, C9, C10
  FROM window_action_months WHERE from_on = $from
),
reporters AS (
  SELECT m.i, u.code AS reporter, u.name, u.level, false AS city_wide,
    CASE u.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END AS level_order
  FROM units u CROSS JOIN months m
  UNION ALL
  SELECT m.i, 'ALL', '全市', 'all', true, 3 FROM months m
),
-- month i's figures: the sums of buckets 0 … i, straight from the calendar months (a few rows a reporter:
-- a range join costs nothing here, and DuckDB's window computes each of 31 running sums in a pass of its
-- own; a first GROUP BY per (reporter, bucket) cost more than it saved)
running AS (
  SELECT m.i, x.reporter,
    sum(x.A1) AS A1, sum(x.A2) AS A2, sum(x.A3) AS A3, sum(x.A4) AS A4,
    sum(x.A5) AS A5, sum(x.A6) AS A6, sum(x.A7) AS A7, sum(x.A8) AS A8,
    sum(x.A9) AS A9, sum(x.A10) AS A10, sum(x.B1) AS B1, sum(x.B2) AS B2,
    sum(x.B3) AS B3, sum(x.B4) AS B4, sum(x.B5) AS B5, sum(x.B6) AS B6,
    sum(x.B7) AS B7, sum(x.B8) AS B8, sum(x.C1) AS C1, sum(x.C2) AS C2,
    sum(x.C3_count) AS C3_count, sum(x.C3_amount_wan) AS C3_amount_wan, sum(x.C4) AS C4, sum(x.C5) AS C5,
    sum(x.C6_suspended) AS C6_suspended, sum(x.C6_closed) AS C6_closed, sum(x.C7) AS C7, sum(x.C8_cases) AS C8_cases,
    sum(x.C8_crime_cases) AS C8_crime_cases, sum(x.C9) AS C9, sum(x.C10) AS C10
  FROM hist x JOIN months m ON x.b <= m.i
  GROUP BY m.i, x.reporter
)
-- counts as INTEGER: a JS number straight from the result, where a HUGEINT sum is a bigint to convert; the
-- penalty amount as whole fen / 100 in a DOUBLE, the nearest double to the exact sum, which is what types.ts
-- makes of an exact DECIMAL's text, without a bigint and an object a value (node-api's DECIMAL)
SELECT r.i, r.city_wide, r.reporter AS unit, r.name, r.level,
  coalesce(x.A1, 0)::INTEGER AS A1, coalesce(x.A2, 0)::INTEGER AS A2, coalesce(x.A3, 0)::INTEGER AS A3, coalesce(x.A4, 0)::INTEGER AS A4, coalesce(x.A5, 0)::INTEGER AS A5,
  coalesce(x.A6, 0)::INTEGER AS A6, coalesce(x.A7, 0)::INTEGER AS A7, coalesce(x.A8, 0)::INTEGER AS A8, coalesce(x.A9, 0)::INTEGER AS A9, coalesce(x.A10, 0)::INTEGER AS A10,
  coalesce(x.B1, 0)::INTEGER AS B1, coalesce(x.B2, 0)::INTEGER AS B2, coalesce(x.B3, 0)::INTEGER AS B3, coalesce(x.B4, 0)::INTEGER AS B4, coalesce(x.B5, 0)::INTEGER AS B5,
  coalesce(x.B6, 0)::INTEGER AS B6, coalesce(x.B7, 0)::INTEGER AS B7, coalesce(x.B8, 0)::INTEGER AS B8, coalesce(x.C1, 0)::INTEGER AS C1, coalesce(x.C2, 0)::INTEGER AS C2,
  coalesce(x.C3_count, 0)::INTEGER AS C3_count, (coalesce(x.C3_amount_wan, 0) * 100)::BIGINT::DOUBLE / 100 AS C3_amount_wan, coalesce(x.C4, 0)::INTEGER AS C4, coalesce(x.C5, 0)::INTEGER AS C5, coalesce(x.C6_suspended, 0)::INTEGER AS C6_suspended,
  coalesce(x.C6_closed, 0)::INTEGER AS C6_closed, coalesce(x.C7, 0)::INTEGER AS C7, coalesce(x.C8_cases, 0)::INTEGER AS C8_cases, coalesce(x.C8_crime_cases, 0)::INTEGER AS C8_crime_cases, coalesce(x.C9, 0)::INTEGER AS C9,
  coalesce(x.C10, 0)::INTEGER AS C10
FROM reporters r
LEFT JOIN running x ON x.reporter = r.reporter AND x.i = r.i
ORDER BY r.i, r.level_order, r.reporter;
