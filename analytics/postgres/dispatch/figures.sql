-- The dispatch tables (调度表) of domain.md section 5 for several months at once: one row per (month,
-- unit) for every unit of `units`, and one city-wide row per month (全市, "本行业领域", attachment note
-- 4; city_wide = true, distinct counts kept distinct across units). Same rules as
-- analytics/sql/dispatch/figures.sql.
--   $from      the window start (campaign start); records dated before it never count
--   $eoms      the months' last days, ascending; month i (0-based) counts records dated $from … $eoms[i+1]
--   $last_eom  the last of $eoms
-- Every window starts at $from, so a figure at month i counts the records whose relevant date (found,
-- rectified, first inspected, …) falls on or before $eoms[i+1]. Each table is read once: each record is
-- reduced to the bucket of its dates (width_bucket(d - 1, $eoms) = how many month ends lie before d, i.e.
-- the first month that counts it), the records are grouped by their buckets, and only those few groups
-- are spread over the months. Distinct counts take each (unit, enterprise)'s first date. Reads the temp
-- table inspection_firsts (inspection-firsts.sql), made first in the same session.
WITH
months AS (
  SELECT i FROM generate_series(0, cardinality($eoms::date[]) - 1) AS g(i)
),
-- A1 … A10: hazards found in the window, by source and the buckets of found / rectified / listed
hz AS (
  SELECT unit_code, source,
    width_bucket(found_on - 1, $eoms::date[]) AS b_found,
    width_bucket(CASE WHEN rectified_on IS NOT NULL THEN greatest(found_on, rectified_on) END - 1, $eoms::date[]) AS b_rectified,
    width_bucket(CASE WHEN listed_on IS NOT NULL THEN greatest(found_on, listed_on) END - 1, $eoms::date[]) AS b_listed,
    width_bucket(CASE WHEN listed_on IS NOT NULL AND rectified_on IS NOT NULL
                      THEN greatest(found_on, listed_on, rectified_on) END - 1, $eoms::date[]) AS b_listed_rectified,
    count(*) AS n
  FROM hazards
  WHERE found_on BETWEEN $from::date AND $last_eom::date
  GROUP BY 1, 2, 3, 4, 5, 6
),
a AS (
  SELECT m.i, CASE WHEN grouping(h.unit_code) = 1 THEN 'ALL' ELSE h.unit_code END AS reporter,
    sum(n) FILTER (WHERE source = 'self_check') AS "A1",
    sum(n) FILTER (WHERE source = 'self_check' AND b_rectified <= m.i) AS "A2",
    sum(n) FILTER (WHERE source = 'enforcement') AS "A3",
    sum(n) FILTER (WHERE source = 'enforcement' AND b_rectified <= m.i) AS "A4",
    sum(n) FILTER (WHERE source = 'public_report') AS "A5",
    sum(n) FILTER (WHERE source = 'public_report' AND b_rectified <= m.i) AS "A6",
    sum(n) FILTER (WHERE source = 'superior_assignment') AS "A7",
    sum(n) FILTER (WHERE source = 'superior_assignment' AND b_rectified <= m.i) AS "A8",
    sum(n) FILTER (WHERE b_listed <= m.i) AS "A9",
    sum(n) FILTER (WHERE b_listed_rectified <= m.i) AS "A10"
  FROM hz h JOIN months m ON h.b_found <= m.i
  GROUP BY GROUPING SETS ((m.i, h.unit_code), (m.i))
),
-- B1 … B8: from inspection_firsts (inspection-firsts.sql: each (unit, enterprise)'s first current
-- inspection in the window, and its first with each problem); city-wide, each enterprise's earliest.
-- Each first day becomes an event (item k, bucket), counted per (reporter, item, bucket).
insp_firsts AS (
  SELECT unit_code AS reporter, first_on, b2_on, b3_on, b4_on, b5_on, b6_on, b7_on, b8_on FROM inspection_firsts
  UNION ALL
  SELECT 'ALL', min(first_on), min(b2_on), min(b3_on), min(b4_on), min(b5_on), min(b6_on), min(b7_on), min(b8_on)
  FROM inspection_firsts GROUP BY enterprise_credit_code
),
ib AS (
  SELECT x.reporter, v.k, width_bucket(v.d - 1, $eoms::date[]) AS b, count(*) AS n
  FROM insp_firsts x
  CROSS JOIN LATERAL (VALUES (1, x.first_on), (2, x.b2_on), (3, x.b3_on), (4, x.b4_on), (5, x.b5_on),
                             (6, x.b6_on), (7, x.b7_on), (8, x.b8_on)) AS v(k, d)
  WHERE v.d IS NOT NULL
  GROUP BY 1, 2, 3
),
b AS (
  SELECT m.i, reporter,
    sum(n) FILTER (WHERE k = 1) AS "B1", sum(n) FILTER (WHERE k = 2) AS "B2",
    sum(n) FILTER (WHERE k = 3) AS "B3", sum(n) FILTER (WHERE k = 4) AS "B4",
    sum(n) FILTER (WHERE k = 5) AS "B5", sum(n) FILTER (WHERE k = 6) AS "B6",
    sum(n) FILTER (WHERE k = 7) AS "B7", sum(n) FILTER (WHERE k = 8) AS "B8"
  FROM ib JOIN months m ON ib.b <= m.i
  GROUP BY m.i, reporter
),
-- C1 … C10: actions in the window, by unit, kind, enterprise and bucket of their date; materialized so
-- that actions are read once (its plan may still use parallel workers: seen with act_firsts' own CTE)
act AS MATERIALIZED (
  SELECT unit_code, kind, enterprise_credit_code, width_bucket(acted_on - 1, $eoms::date[]) AS b_acted,
    count(*) AS n, count(*) FILTER (WHERE crime) AS n_crime, sum(persons) AS persons, sum(amount_wan) AS amount_wan
  FROM actions
  WHERE acted_on BETWEEN $from::date AND $last_eom::date
  GROUP BY 1, 2, 3, 4
),
c_counts AS (
  SELECT m.i, CASE WHEN grouping(x.unit_code) = 1 THEN 'ALL' ELSE x.unit_code END AS reporter,
    sum(n) FILTER (WHERE kind = 'assistance_unit') AS "C1",
    sum(n) FILTER (WHERE kind = 'assistance_enterprise') AS "C2",
    sum(n) FILTER (WHERE kind = 'penalty') AS "C3_count",
    sum(amount_wan) FILTER (WHERE kind = 'penalty') AS "C3_amount_wan",
    sum(n) FILTER (WHERE kind = 'dual_penalty') AS "C4",
    sum(persons) FILTER (WHERE kind = 'judicial_transfer') AS "C5",
    sum(n) FILTER (WHERE kind = 'typical_case') AS "C8_cases",
    sum(n_crime) FILTER (WHERE kind = 'typical_case') AS "C8_crime_cases",
    sum(persons) FILTER (WHERE kind = 'accountability') AS "C9",
    sum(n) FILTER (WHERE kind = 'interview_unit') AS "C10"
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
  GROUP BY 1, 2
),
act_firsts_all AS (
  SELECT reporter, b_suspended, b_closed, b_c7 FROM act_firsts
  UNION ALL
  SELECT 'ALL', min(b_suspended), min(b_closed), min(b_c7) FROM act_firsts GROUP BY enterprise_credit_code
),
c_distinct AS (
  SELECT m.i, reporter,
    count(*) FILTER (WHERE b_suspended <= m.i) AS "C6_suspended",
    count(*) FILTER (WHERE b_closed <= m.i) AS "C6_closed",
    count(*) FILTER (WHERE b_c7 <= m.i) AS "C7"
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
  coalesce(a."A1", 0) AS "A1", coalesce(a."A2", 0) AS "A2", coalesce(a."A3", 0) AS "A3", coalesce(a."A4", 0) AS "A4",
  coalesce(a."A5", 0) AS "A5", coalesce(a."A6", 0) AS "A6", coalesce(a."A7", 0) AS "A7", coalesce(a."A8", 0) AS "A8",
  coalesce(a."A9", 0) AS "A9", coalesce(a."A10", 0) AS "A10",
  coalesce(b."B1", 0) AS "B1", coalesce(b."B2", 0) AS "B2", coalesce(b."B3", 0) AS "B3", coalesce(b."B4", 0) AS "B4",
  coalesce(b."B5", 0) AS "B5", coalesce(b."B6", 0) AS "B6", coalesce(b."B7", 0) AS "B7", coalesce(b."B8", 0) AS "B8",
  coalesce(c."C1", 0) AS "C1", coalesce(c."C2", 0) AS "C2", coalesce(c."C3_count", 0) AS "C3_count",
  coalesce(c."C3_amount_wan", 0)::numeric(18,2) AS "C3_amount_wan",
  coalesce(c."C4", 0) AS "C4", coalesce(c."C5", 0) AS "C5", coalesce(d."C6_suspended", 0) AS "C6_suspended",
  coalesce(d."C6_closed", 0) AS "C6_closed", coalesce(d."C7", 0) AS "C7", coalesce(c."C8_cases", 0) AS "C8_cases",
  coalesce(c."C8_crime_cases", 0) AS "C8_crime_cases", coalesce(c."C9", 0) AS "C9", coalesce(c."C10", 0) AS "C10"
FROM reporters r
LEFT JOIN a ON a.i = r.i AND a.reporter = r.reporter
LEFT JOIN b ON b.i = r.i AND b.reporter = r.reporter
LEFT JOIN c_counts c ON c.i = r.i AND c.reporter = r.reporter
LEFT JOIN c_distinct d ON d.i = r.i AND d.reporter = r.reporter
ORDER BY r.i, r.level_order, r.reporter COLLATE "C";
