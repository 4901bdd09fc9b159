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
-- Distinct counts take each (unit, enterprise)'s first day. Reads the temp table inspection_firsts
-- (inspection-firsts.sql) for B1 … B8. Rows leave in bundle.md's order: month, then province, city, county
-- and zone together, then code; the city-wide row last.
WITH
months AS (
  SELECT i - 1 AS i FROM range(1, len($eoms::DATE[]) + 1) t(i)
),
-- A1 … A10: hazards found in the window. A hazard is rectified (listed) on the later of its found day and
-- that day, so those buckets are never before its found bucket: counted by month i means found by then.
hz AS MATERIALIZED (
  SELECT unit_code, source,
    month_bucket(found_on, $first_eom, $last_eom, $day_buckets) AS b_found,
    month_bucket(CASE WHEN rectified_on IS NOT NULL THEN greatest(found_on, rectified_on) END,
      $first_eom, $last_eom, $day_buckets) AS b_rectified,
    month_bucket(CASE WHEN listed_on IS NOT NULL THEN greatest(found_on, listed_on) END,
      $first_eom, $last_eom, $day_buckets) AS b_listed,
    month_bucket(CASE WHEN listed_on IS NOT NULL AND rectified_on IS NOT NULL THEN greatest(found_on, listed_on, rectified_on) END,
      $first_eom, $last_eom, $day_buckets) AS b_listed_rectified
  FROM hazards
  WHERE found_on BETWEEN $from AND $last_eom
),
a_hist AS (
  SELECT CASE WHEN grouping(unit_code) = 1 THEN 'ALL' ELSE unit_code END AS reporter, b_found AS b,
    count(*) FILTER (WHERE source = 'self_check') AS A1, count(*) FILTER (WHERE source = 'enforcement') AS A3,
    count(*) FILTER (WHERE source = 'public_report') AS A5, count(*) FILTER (WHERE source = 'superior_assignment') AS A7
  FROM hz GROUP BY GROUPING SETS ((unit_code, b_found), (b_found))
  UNION ALL BY NAME
  SELECT CASE WHEN grouping(unit_code) = 1 THEN 'ALL' ELSE unit_code END AS reporter, b_rectified AS b,
    count(*) FILTER (WHERE source = 'self_check') AS A2, count(*) FILTER (WHERE source = 'enforcement') AS A4,
    count(*) FILTER (WHERE source = 'public_report') AS A6, count(*) FILTER (WHERE source = 'superior_assignment') AS A8
  FROM hz WHERE b_rectified IS NOT NULL GROUP BY GROUPING SETS ((unit_code, b_rectified), (b_rectified))
  UNION ALL BY NAME
  SELECT CASE WHEN grouping(unit_code) = 1 THEN 'ALL' ELSE unit_code END AS reporter, b_listed AS b, count(*) AS A9
  FROM hz WHERE b_listed IS NOT NULL GROUP BY GROUPING SETS ((unit_code, b_listed), (b_listed))
  UNION ALL BY NAME
  SELECT CASE WHEN grouping(unit_code) = 1 THEN 'ALL' ELSE unit_code END AS reporter, b_listed_rectified AS b, count(*) AS A10
  FROM hz WHERE b_listed_rectified IS NOT NULL GROUP BY GROUPING SETS ((unit_code, b_listed_rectified), (b_listed_rectified))
),
-- B1 … B8: each (unit, enterprise)'s first inspection and first with each problem; city-wide (unit_id 0),
-- each enterprise's earliest over all units. An inspection with a problem is an inspection: B1's bucket is
-- never after the others'. One histogram per figure in one pass (a grouping set each), on integer keys.
insp_buckets AS (
  SELECT unit_id,
    month_bucket(first_on, $first_eom, $last_eom, $day_buckets) AS b1,
    month_bucket(b2_on, $first_eom, $last_eom, $day_buckets) AS b2,
    month_bucket(b3_on, $first_eom, $last_eom, $day_buckets) AS b3,
    month_bucket(b4_on, $first_eom, $last_eom, $day_buckets) AS b4,
    month_bucket(b5_on, $first_eom, $last_eom, $day_buckets) AS b5,
    month_bucket(b6_on, $first_eom, $last_eom, $day_buckets) AS b6,
    month_bucket(b7_on, $first_eom, $last_eom, $day_buckets) AS b7,
    month_bucket(b8_on, $first_eom, $last_eom, $day_buckets) AS b8
  FROM (
    SELECT unit_id, first_on, b2_on, b3_on, b4_on, b5_on, b6_on, b7_on, b8_on FROM inspection_firsts
    UNION ALL
    SELECT 0, min(first_on), min(b2_on), min(b3_on), min(b4_on), min(b5_on), min(b6_on), min(b7_on), min(b8_on)
    FROM inspection_firsts GROUP BY ent_id
  ) x
),
b_hist_ids AS (
  SELECT unit_id,
    CASE WHEN grouping(b1) = 0 THEN b1 WHEN grouping(b2) = 0 THEN b2 WHEN grouping(b3) = 0 THEN b3
      WHEN grouping(b4) = 0 THEN b4 WHEN grouping(b5) = 0 THEN b5 WHEN grouping(b6) = 0 THEN b6
      WHEN grouping(b7) = 0 THEN b7 ELSE b8 END AS b,
    CASE WHEN grouping(b1) = 0 THEN count(*) END AS B1,
    CASE WHEN grouping(b2) = 0 THEN count(*) END AS B2,
    CASE WHEN grouping(b3) = 0 THEN count(*) END AS B3,
    CASE WHEN grouping(b4) = 0 THEN count(*) END AS B4,
    CASE WHEN grouping(b5) = 0 THEN count(*) END AS B5,
    CASE WHEN grouping(b6) = 0 THEN count(*) END AS B6,
    CASE WHEN grouping(b7) = 0 THEN count(*) END AS B7,
    CASE WHEN grouping(b8) = 0 THEN count(*) END AS B8
  FROM insp_buckets
  GROUP BY GROUPING SETS ((unit_id, b1), (unit_id, b2), (unit_id, b3), (unit_id, b4), (unit_id, b5), (unit_id, b6),
    (unit_id, b7), (unit_id, b8))
),
b_hist AS (
  SELECT coalesce(u.unit_code, 'ALL') AS reporter, h.b, h.B1, h.B2, h.B3, h.B4, h.B5, h.B6, h.B7, h.B8
  FROM b_hist_ids h LEFT JOIN inspection_units u ON u.unit_id = h.unit_id
),
-- C1 … C10 but C6, C7: actions in the window by the bucket of their date
c_hist AS (
  SELECT CASE WHEN grouping(unit_code) = 1 THEN 'ALL' ELSE unit_code END AS reporter, b,
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
  FROM (
    SELECT unit_code, kind, crime, persons, amount_wan, month_bucket(acted_on, $first_eom, $last_eom, $day_buckets) AS b
    FROM actions
    WHERE acted_on BETWEEN $from AND $last_eom
  ) x
  GROUP BY GROUPING SETS ((unit_code, b), (b))
),
-- C6, C7: distinct enterprises, by each (unit, enterprise)'s first such action; city-wide, each
-- enterprise's first over all units
act_firsts AS (
  SELECT unit_code AS reporter, enterprise_credit_code,
    min(acted_on) FILTER (WHERE kind = 'suspension') AS suspended_on,
    min(acted_on) FILTER (WHERE kind = 'closure') AS closed_on,
    min(acted_on) FILTER (WHERE kind IN ('exposure', 'interview', 'joint_punishment')) AS c7_on
  FROM actions
  WHERE acted_on BETWEEN $from AND $last_eom AND enterprise_credit_code IS NOT NULL
    AND kind IN ('suspension', 'closure', 'exposure', 'interview', 'joint_punishment')
  GROUP BY unit_code, enterprise_credit_code
),
act_firsts_all AS (
  SELECT reporter, suspended_on, closed_on, c7_on FROM act_firsts
  UNION ALL
  SELECT 'ALL', min(suspended_on), min(closed_on), min(c7_on) FROM act_firsts GROUP BY enterprise_credit_code
),
d_hist AS (
  SELECT reporter, b,
    count(*) FILTER (WHERE f = 'C6_suspended') AS C6_suspended,
    count(*) FILTER (WHERE f = 'C6_closed') AS C6_closed,
    count(*) FILTER (WHERE f = 'C7') AS C7
  FROM (
    UNPIVOT (
      SELECT reporter,
        month_bucket(suspended_on, $first_eom, $last_eom, $day_buckets) AS C6_suspended,
        month_bucket(closed_on, $first_eom, $last_eom, $day_buckets) AS C6_closed,
        month_bucket(c7_on, $first_eom, $last_eom, $day_buckets) AS C7
      FROM act_firsts_all
    ) ON C6_suspended, C6_closed, C7 INTO NAME f VALUE b
  ) x
  GROUP BY reporter, b
),
hist AS (
  SELECT * FROM a_hist UNION ALL BY NAME SELECT * FROM b_hist UNION ALL BY NAME SELECT * FROM c_hist
  UNION ALL BY NAME SELECT * FROM d_hist
),
-- one row per (reporter, bucket): what the bucket adds to each figure. Each histogram above has one row
-- per (reporter, bucket) and a column set of its own, so a column has at most one non-NULL value per
-- group: max() gives that value (what a sum would) without HUGEINT sums, and as INTEGER (a count is at
-- most the ledger's rows; the result casts each to INTEGER anyway) the running sums below add in 64 bits.
added AS (
  SELECT reporter, b AS i,
    max(A1)::INTEGER AS A1, max(A2)::INTEGER AS A2, max(A3)::INTEGER AS A3, max(A4)::INTEGER AS A4, max(A5)::INTEGER AS A5, max(A6)::INTEGER AS A6, max(A7)::INTEGER AS A7,
    max(A8)::INTEGER AS A8, max(A9)::INTEGER AS A9, max(A10)::INTEGER AS A10,
    max(B1)::INTEGER AS B1, max(B2)::INTEGER AS B2, max(B3)::INTEGER AS B3, max(B4)::INTEGER AS B4, max(B5)::INTEGER AS B5, max(B6)::INTEGER AS B6, max(B7)::INTEGER AS B7,
    max(B8)::INTEGER AS B8,
    max(C1)::INTEGER AS C1, max(C2)::INTEGER AS C2, max(C3_count)::INTEGER AS C3_count, max(C3_amount_wan)::DECIMAL(18,2) AS C3_amount_wan, max(C4)::INTEGER AS C4,
    max(C5)::INTEGER AS C5, max(C6_suspended)::INTEGER AS C6_suspended, max(C6_closed)::INTEGER AS C6_closed, max(C7)::INTEGER AS C7,
    max(C8_cases)::INTEGER AS C8_cases, max(C8_crime_cases)::INTEGER AS C8_crime_cases, max(C9)::INTEGER AS C9, max(C10)::INTEGER AS C10
  FROM hist
  WHERE b IS NOT NULL
  GROUP BY reporter, b
),
reporters AS (
  SELECT m.i, u.code AS reporter, u.name, u.level, false AS city_wide,
    CASE u.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END AS level_order
  FROM units u CROSS JOIN months m
  UNION ALL
  SELECT m.i, 'ALL', '全市', 'all', true, 3 FROM months m
),
-- month i's figures: the sums of buckets 0 … i (a few rows a reporter: a range join costs nothing here,
-- and DuckDB's window computes each of 31 running sums in a pass of its own)
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
  FROM added x JOIN months m ON x.i <= m.i
  GROUP BY m.i, x.reporter
)
-- counts as INTEGER: a JS number straight from the result, where a HUGEINT sum is a bigint to convert
SELECT r.i, r.city_wide, r.reporter AS unit, r.name, r.level,
  coalesce(x.A1, 0)::INTEGER AS A1, coalesce(x.A2, 0)::INTEGER AS A2, coalesce(x.A3, 0)::INTEGER AS A3, coalesce(x.A4, 0)::INTEGER AS A4, coalesce(x.A5, 0)::INTEGER AS A5,
  coalesce(x.A6, 0)::INTEGER AS A6, coalesce(x.A7, 0)::INTEGER AS A7, coalesce(x.A8, 0)::INTEGER AS A8, coalesce(x.A9, 0)::INTEGER AS A9, coalesce(x.A10, 0)::INTEGER AS A10,
  coalesce(x.B1, 0)::INTEGER AS B1, coalesce(x.B2, 0)::INTEGER AS B2, coalesce(x.B3, 0)::INTEGER AS B3, coalesce(x.B4, 0)::INTEGER AS B4, coalesce(x.B5, 0)::INTEGER AS B5,
  coalesce(x.B6, 0)::INTEGER AS B6, coalesce(x.B7, 0)::INTEGER AS B7, coalesce(x.B8, 0)::INTEGER AS B8, coalesce(x.C1, 0)::INTEGER AS C1, coalesce(x.C2, 0)::INTEGER AS C2,
  coalesce(x.C3_count, 0)::INTEGER AS C3_count, coalesce(x.C3_amount_wan, 0)::DECIMAL(18,2) AS C3_amount_wan, coalesce(x.C4, 0)::INTEGER AS C4, coalesce(x.C5, 0)::INTEGER AS C5, coalesce(x.C6_suspended, 0)::INTEGER AS C6_suspended,
  coalesce(x.C6_closed, 0)::INTEGER AS C6_closed, coalesce(x.C7, 0)::INTEGER AS C7, coalesce(x.C8_cases, 0)::INTEGER AS C8_cases, coalesce(x.C8_crime_cases, 0)::INTEGER AS C8_crime_cases, coalesce(x.C9, 0)::INTEGER AS C9,
  coalesce(x.C10, 0)::INTEGER AS C10
FROM reporters r
LEFT JOIN running x ON x.reporter = r.reporter AND x.i = r.i
ORDER BY r.i, r.level_order, r.reporter;
