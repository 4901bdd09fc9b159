-- The dispatch tables (调度表) of domain.md section 5 for several months at once: one row per (month i,
-- unit) for every unit, and one city-wide row per month (全市, "本行业领域", attachment note 4; city_wide,
-- distinct counts kept distinct across units). Records dated $from (campaign start) … month i's end count;
-- a hazard counts as rectified (listed) when rectified (listed) on or before that end.
--   $eoms  the months' last days, ascending (month i is $eoms[i + 1]); $first_eom, $last_eom, $day_buckets:
--          what month_bucket (macros.sql) needs
-- Each record is reduced to the buckets of its relevant days (the first month that counts it), the records
-- are grouped by those buckets (a few thousand groups), and only the groups are spread over the months.
-- Distinct counts take each (unit, enterprise)'s first day. Reads the temp table inspection_firsts
-- (inspection-firsts.sql) for B1 … B8. Rows leave in bundle.md's order: month, then province, city, county
-- and zone together, then code; the city-wide row last.
WITH
months AS (
  SELECT i - 1 AS i FROM range(1, len($eoms::DATE[]) + 1) t(i)
),
-- A1 … A10: hazards found in the window, by source and the days that make them rectified / listed
hz_days AS (
  SELECT unit_code, source, found_on,
    CASE WHEN rectified_on IS NOT NULL THEN greatest(found_on, rectified_on) END AS rectified_day,
    CASE WHEN listed_on IS NOT NULL THEN greatest(found_on, listed_on) END AS listed_day,
    CASE WHEN listed_on IS NOT NULL AND rectified_on IS NOT NULL THEN greatest(found_on, listed_on, rectified_on) END AS listed_rectified_day
  FROM hazards
  WHERE found_on BETWEEN $from AND $last_eom
),
hz AS (
  SELECT unit_code, source,
    month_bucket(found_on, $first_eom, $last_eom, $day_buckets) AS b_found,
    month_bucket(rectified_day, $first_eom, $last_eom, $day_buckets) AS b_rectified,
    month_bucket(listed_day, $first_eom, $last_eom, $day_buckets) AS b_listed,
    month_bucket(listed_rectified_day, $first_eom, $last_eom, $day_buckets) AS b_listed_rectified,
    count(*) AS n
  FROM hz_days
  GROUP BY ALL
),
a AS (
  SELECT m.i, CASE WHEN grouping(h.unit_code) = 1 THEN 'ALL' ELSE h.unit_code END AS reporter,
    sum(n) FILTER (WHERE source = 'self_check') AS A1,
    sum(n) FILTER (WHERE source = 'self_check' AND b_rectified <= m.i) AS A2,
    sum(n) FILTER (WHERE source = 'enforcement') AS A3,
    sum(n) FILTER (WHERE source = 'enforcement' AND b_rectified <= m.i) AS A4,
    sum(n) FILTER (WHERE source = 'public_report') AS A5,
    sum(n) FILTER (WHERE source = 'public_report' AND b_rectified <= m.i) AS A6,
    sum(n) FILTER (WHERE source = 'superior_assignment') AS A7,
    sum(n) FILTER (WHERE source = 'superior_assignment' AND b_rectified <= m.i) AS A8,
    sum(n) FILTER (WHERE b_listed <= m.i) AS A9,
    sum(n) FILTER (WHERE b_listed_rectified <= m.i) AS A10
  FROM hz h JOIN months m ON h.b_found <= m.i
  GROUP BY GROUPING SETS ((m.i, h.unit_code), (m.i))
),
-- B1 … B8: each (unit, enterprise)'s first inspection and first with each problem; city-wide, each
-- enterprise's earliest over all units
insp_firsts AS (
  SELECT unit_code AS reporter, first_on, b2_on, b3_on, b4_on, b5_on, b6_on, b7_on, b8_on FROM inspection_firsts
  UNION ALL
  SELECT 'ALL', min(first_on), min(b2_on), min(b3_on), min(b4_on), min(b5_on), min(b6_on), min(b7_on), min(b8_on)
  FROM inspection_firsts GROUP BY enterprise_credit_code
),
ib AS (
  SELECT reporter,
    month_bucket(first_on, $first_eom, $last_eom, $day_buckets) AS b1,
    month_bucket(b2_on, $first_eom, $last_eom, $day_buckets) AS b2,
    month_bucket(b3_on, $first_eom, $last_eom, $day_buckets) AS b3,
    month_bucket(b4_on, $first_eom, $last_eom, $day_buckets) AS b4,
    month_bucket(b5_on, $first_eom, $last_eom, $day_buckets) AS b5,
    month_bucket(b6_on, $first_eom, $last_eom, $day_buckets) AS b6,
    month_bucket(b7_on, $first_eom, $last_eom, $day_buckets) AS b7,
    month_bucket(b8_on, $first_eom, $last_eom, $day_buckets) AS b8,
    count(*) AS n
  FROM insp_firsts
  GROUP BY ALL
),
b AS (
  -- an inspection with a problem is an inspection: b1 is the earliest of the eight
  SELECT m.i, reporter,
    sum(n) AS B1,
    sum(n) FILTER (WHERE b2 <= m.i) AS B2, sum(n) FILTER (WHERE b3 <= m.i) AS B3,
    sum(n) FILTER (WHERE b4 <= m.i) AS B4, sum(n) FILTER (WHERE b5 <= m.i) AS B5,
    sum(n) FILTER (WHERE b6 <= m.i) AS B6, sum(n) FILTER (WHERE b7 <= m.i) AS B7,
    sum(n) FILTER (WHERE b8 <= m.i) AS B8
  FROM ib JOIN months m ON ib.b1 <= m.i
  GROUP BY m.i, reporter
),
-- C1 … C10: actions in the window by unit, kind, enterprise and the bucket of their date; actions are
-- read once for the counts and the distinct enterprises
act AS MATERIALIZED (
  SELECT unit_code, kind, enterprise_credit_code,
    month_bucket(acted_on, $first_eom, $last_eom, $day_buckets) AS b_acted,
    count(*) AS n, count(*) FILTER (WHERE crime) AS n_crime, sum(persons) AS persons, sum(amount_wan) AS amount_wan
  FROM actions
  WHERE acted_on BETWEEN $from AND $last_eom
  GROUP BY ALL
),
c_counts AS (
  SELECT m.i, CASE WHEN grouping(x.unit_code) = 1 THEN 'ALL' ELSE x.unit_code END AS reporter,
    sum(n) FILTER (WHERE kind = 'assistance_unit') AS C1,
    sum(n) FILTER (WHERE kind = 'assistance_enterprise') AS C2,
    sum(n) FILTER (WHERE kind = 'penalty') AS C3_count,
    sum(amount_wan) FILTER (WHERE kind = 'penalty') AS C3_amount_wan,
    sum(n) FILTER (WHERE kind = 'dual_penalty') AS C4,
    sum(persons) FILTER (WHERE kind = 'judicial_transfer') AS C5,
    sum(n) FILTER (WHERE kind = 'typical_case') AS C8_cases,
    sum(n_crime) FILTER (WHERE kind = 'typical_case') AS C8_crime_cases,
    sum(persons) FILTER (WHERE kind = 'accountability') AS C9,
    sum(n) FILTER (WHERE kind = 'interview_unit') AS C10
  FROM act x JOIN months m ON x.b_acted <= m.i
  GROUP BY GROUPING SETS ((m.i, x.unit_code), (m.i))
),
-- C6, C7: distinct enterprises, by the bucket of each (unit, enterprise)'s first such action
act_firsts AS (
  SELECT unit_code AS reporter, enterprise_credit_code,
    min(b_acted) FILTER (WHERE kind = 'suspension') AS b_suspended,
    min(b_acted) FILTER (WHERE kind = 'closure') AS b_closed,
    min(b_acted) FILTER (WHERE kind IN ('exposure', 'interview', 'joint_punishment')) AS b_c7
  FROM act
  WHERE enterprise_credit_code IS NOT NULL
    AND kind IN ('suspension', 'closure', 'exposure', 'interview', 'joint_punishment')
  GROUP BY ALL
),
act_firsts_all AS (
  SELECT reporter, b_suspended, b_closed, b_c7 FROM act_firsts
  UNION ALL
  SELECT 'ALL', min(b_suspended), min(b_closed), min(b_c7) FROM act_firsts GROUP BY enterprise_credit_code
),
c_distinct AS (
  SELECT m.i, reporter,
    count(*) FILTER (WHERE b_suspended <= m.i) AS C6_suspended,
    count(*) FILTER (WHERE b_closed <= m.i) AS C6_closed,
    count(*) FILTER (WHERE b_c7 <= m.i) AS C7
  FROM act_firsts_all JOIN months m ON least(b_suspended, b_closed, b_c7) <= m.i
  GROUP BY m.i, reporter
),
reporters AS (
  SELECT m.i, u.code AS reporter, u.name, u.level, false AS city_wide,
    CASE u.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END AS level_order
  FROM units u CROSS JOIN months m
  UNION ALL
  SELECT m.i, 'ALL', '全市', 'all', true, 3 FROM months m
)
SELECT r.i, r.city_wide, r.reporter AS unit, r.name, r.level,
  coalesce(a.A1, 0) AS A1, coalesce(a.A2, 0) AS A2, coalesce(a.A3, 0) AS A3, coalesce(a.A4, 0) AS A4,
  coalesce(a.A5, 0) AS A5, coalesce(a.A6, 0) AS A6, coalesce(a.A7, 0) AS A7, coalesce(a.A8, 0) AS A8,
  coalesce(a.A9, 0) AS A9, coalesce(a.A10, 0) AS A10,
  coalesce(b.B1, 0) AS B1, coalesce(b.B2, 0) AS B2, coalesce(b.B3, 0) AS B3, coalesce(b.B4, 0) AS B4,
  coalesce(b.B5, 0) AS B5, coalesce(b.B6, 0) AS B6, coalesce(b.B7, 0) AS B7, coalesce(b.B8, 0) AS B8,
  coalesce(c.C1, 0) AS C1, coalesce(c.C2, 0) AS C2, coalesce(c.C3_count, 0) AS C3_count,
  coalesce(c.C3_amount_wan, 0)::DECIMAL(18,2) AS C3_amount_wan,
  coalesce(c.C4, 0) AS C4, coalesce(c.C5, 0) AS C5, coalesce(d.C6_suspended, 0) AS C6_suspended,
  coalesce(d.C6_closed, 0) AS C6_closed, coalesce(d.C7, 0) AS C7, coalesce(c.C8_cases, 0) AS C8_cases,
  coalesce(c.C8_crime_cases, 0) AS C8_crime_cases, coalesce(c.C9, 0) AS C9, coalesce(c.C10, 0) AS C10
FROM reporters r
LEFT JOIN a ON a.i = r.i AND a.reporter = r.reporter
LEFT JOIN b ON b.i = r.i AND b.reporter = r.reporter
LEFT JOIN c_counts c ON c.i = r.i AND c.reporter = r.reporter
LEFT JOIN c_distinct d ON d.i = r.i AND d.reporter = r.reporter
ORDER BY r.i, r.level_order, r.reporter;
