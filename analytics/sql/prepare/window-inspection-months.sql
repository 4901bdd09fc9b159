-- Derived after every load and refresh (analytics/src/prepare.ts): the dispatch's B1 … B8 per window start,
-- reporter and calendar month (month buckets: as in window-hazard-months.sql). Each (unit, enterprise)
-- pair counts once, in the month of its first current inspection on or after the start (B1) and of its
-- first with each of the seven problems (B2 … B8, window-inspection-firsts.sql); city-wide ('ALL'), each
-- enterprise counts once, at its earliest over all units. The first on or after the start is the window's
-- first when the window has one, and lies past the window otherwise.
CREATE OR REPLACE TABLE window_inspection_months AS
WITH firsts AS (
  SELECT f.from_on, u.unit_code AS reporter, f.first_on, f.b2_on, f.b3_on, f.b4_on, f.b5_on, f.b6_on, f.b7_on, f.b8_on
  FROM window_inspection_firsts f
  JOIN inspection_pairs p ON p.pair_id = f.pair_id
  JOIN inspection_units u ON u.unit_id = p.unit_id
  UNION ALL
  SELECT f.from_on, 'ALL', min(f.first_on), min(f.b2_on), min(f.b3_on), min(f.b4_on), min(f.b5_on), min(f.b6_on),
    min(f.b7_on), min(f.b8_on)
  FROM window_inspection_firsts f
  JOIN inspection_pairs p ON p.pair_id = f.pair_id
  GROUP BY f.from_on, p.ent_id
),
months AS (
  SELECT from_on, reporter,
    date_trunc('month', first_on)::DATE AS m1, date_trunc('month', b2_on)::DATE AS m2,
    date_trunc('month', b3_on)::DATE AS m3, date_trunc('month', b4_on)::DATE AS m4,
    date_trunc('month', b5_on)::DATE AS m5, date_trunc('month', b6_on)::DATE AS m6,
    date_trunc('month', b7_on)::DATE AS m7, date_trunc('month', b8_on)::DATE AS m8
  FROM firsts
)
SELECT from_on, reporter, month_on,
  sum(B1)::BIGINT AS B1, sum(B2)::BIGINT AS B2, sum(B3)::BIGINT AS B3, sum(B4)::BIGINT AS B4,
  sum(B5)::BIGINT AS B5, sum(B6)::BIGINT AS B6, sum(B7)::BIGINT AS B7, sum(B8)::BIGINT AS B8
FROM (
  SELECT from_on, reporter, m1 AS month_on, count(*) AS B1 FROM months GROUP BY ALL
  UNION ALL BY NAME SELECT from_on, reporter, m2 AS month_on, count(*) AS B2 FROM months WHERE m2 IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME SELECT from_on, reporter, m3 AS month_on, count(*) AS B3 FROM months WHERE m3 IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME SELECT from_on, reporter, m4 AS month_on, count(*) AS B4 FROM months WHERE m4 IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME SELECT from_on, reporter, m5 AS month_on, count(*) AS B5 FROM months WHERE m5 IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME SELECT from_on, reporter, m6 AS month_on, count(*) AS B6 FROM months WHERE m6 IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME SELECT from_on, reporter, m7 AS month_on, count(*) AS B7 FROM months WHERE m7 IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME SELECT from_on, reporter, m8 AS month_on, count(*) AS B8 FROM months WHERE m8 IS NOT NULL GROUP BY ALL
) x
GROUP BY from_on, reporter, month_on;
