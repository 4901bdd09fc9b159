-- Scores and ranking (打分排队) of domain.md section 6 for every (month, county-level unit) of the temp
-- table unit_counts (scoring/unit-counts.sql), as analytics/sql/scoring/scores.sql computes them.
-- Exact arithmetic: numeric is exact for + − ×, but not for ÷, so every figure is carried as a fraction
-- (x_n / x_d, x_d > 0, never reduced: numeric has digits to spare) and divided only once, when rounded
-- half away from zero to cents: sign(n) · ⌊(|n| · 200 + d) / (2d)⌋, with div() (exact integer quotient).
-- Scheme weights arrive as whole ten-thousandths ($w_* = weight × 10000, analytics/src/scheme.ts).
-- Peers are the county-level units with the same parent; rank = 1 + the number of peers strictly ahead
-- on the rounded (Total, I1, I2, I3, I4), which is what rank() computes.
WITH
ratios AS (
  -- r(a, b) = a / b, and the scheme's empty ratio (or 0 where the spec says so) when b = 0
  SELECT c.*,
    CASE WHEN found = 0 THEN $w_empty_ratio::numeric ELSE rectified * 10000::numeric END AS rect_n,
    CASE WHEN found = 0 THEN 10000::numeric ELSE found * 10000::numeric END AS rect_d,
    CASE WHEN found = 0 THEN $w_empty_ratio::numeric ELSE (found - overdue) * 10000::numeric END AS on_time_n,
    CASE WHEN scope = 0 THEN $w_empty_ratio::numeric ELSE checked * 10000::numeric END AS checked_n,
    CASE WHEN scope = 0 THEN 10000::numeric ELSE scope * 10000::numeric END AS checked_d,
    CASE WHEN checked = 0 THEN 0::numeric ELSE flagged::numeric END AS flagged_n,          -- 0 when checked = 0
    CASE WHEN checked = 0 THEN 1::numeric ELSE checked::numeric END AS flagged_d,
    CASE WHEN enforced = 0 THEN 0::numeric ELSE penalised::numeric END AS penalised_n,    -- both 0 when enforced = 0
    CASE WHEN enforced = 0 THEN 0::numeric ELSE enforced_rectified::numeric END AS enf_rect_n,
    CASE WHEN enforced = 0 THEN 1::numeric ELSE enforced::numeric END AS enforced_d,
    -- min(1, cases / |months|)
    CASE WHEN months = 0 THEN 0::numeric WHEN cases >= months THEN 1::numeric ELSE cases::numeric END AS cases_n,
    CASE WHEN months = 0 OR cases >= months THEN 1::numeric ELSE months::numeric END AS cases_d,
    CASE WHEN main_pairs = 0 THEN 0::numeric ELSE main_ok_pairs::numeric END AS main_n,   -- no leader of a role: 0
    CASE WHEN main_pairs = 0 THEN 1::numeric ELSE main_pairs::numeric END AS main_d,
    CASE WHEN member_pairs = 0 THEN 0::numeric ELSE member_ok_pairs::numeric END AS member_n,
    CASE WHEN member_pairs = 0 THEN 1::numeric ELSE member_pairs::numeric END AS member_d
  FROM unit_counts c
),
indicators AS (
  -- each indicator as one fraction over the product of its terms' denominators (× 10000 for the weights)
  SELECT r.*,
    ($w_i1_rectified * rect_n + $w_i1_on_time * on_time_n) AS i1_n, 10000 * rect_d AS i1_d,
    ($w_i2_coverage * checked_n * flagged_d + $w_i2_flagged * flagged_n * checked_d) AS i2_n,
      10000 * checked_d * flagged_d AS i2_d,
    (($w_i3_penalised * penalised_n + $w_i3_enforced_rectified * enf_rect_n) * cases_d
      + $w_i3_cases * cases_n * enforced_d) AS i3_n,
      10000 * enforced_d * cases_d AS i3_d,
    ($w_i4_main * main_n * member_d + $w_i4_member * member_n * main_d) AS i4_n, 10000 * main_d * member_d AS i4_d,
    -- D = min(cap, late · w + missed_feedback · w + missed_hazards · w), all in ten-thousandths
    least($w_cap::numeric, late * $w_late::numeric + missed_feedback * $w_missed_feedback::numeric
                           + missed_hazards * $w_missed_hazard::numeric) AS d_n, 10000::numeric AS d_d
  FROM ratios r
),
totals AS (
  -- Total = max(0, I1 + I2 + I3 + I4 − D) over the product of the denominators
  SELECT x.*, greatest(0::numeric,
      i1_n * i2_d * i3_d * i4_d * d_d + i2_n * i1_d * i3_d * i4_d * d_d + i3_n * i1_d * i2_d * i4_d * d_d
      + i4_n * i1_d * i2_d * i3_d * d_d - d_n * i1_d * i2_d * i3_d * i4_d) AS total_n,
    i1_d * i2_d * i3_d * i4_d * d_d AS total_d
  FROM indicators x
),
rounded AS (
  SELECT t.*,
    sign(total_n) * div(abs(total_n) * 200 + total_d, 2 * total_d) AS total_c,
    sign(i1_n) * div(abs(i1_n) * 200 + i1_d, 2 * i1_d) AS i1_c,
    sign(i2_n) * div(abs(i2_n) * 200 + i2_d, 2 * i2_d) AS i2_c,
    sign(i3_n) * div(abs(i3_n) * 200 + i3_d, 2 * i3_d) AS i3_c,
    sign(i4_n) * div(abs(i4_n) * 200 + i4_d, 2 * i4_d) AS i4_c,
    sign(d_n) * div(abs(d_n) * 200 + d_d, 2 * d_d) AS d_c
  FROM totals t
)
SELECT i, unit_code AS unit, name, parent_code,
  rank() OVER (PARTITION BY i, parent_code ORDER BY total_c DESC, i1_c DESC, i2_c DESC, i3_c DESC, i4_c DESC) AS rank,
  total_c * 0.01 AS total, i1_c * 0.01 AS "I1", i2_c * 0.01 AS "I2", i3_c * 0.01 AS "I3", i4_c * 0.01 AS "I4",
  d_c * 0.01 AS "D",
  found, rectified, overdue, scope, checked, flagged, enforced, penalised, enforced_rectified, cases,
  -- unrounded shares for display: doubles on purpose, as analytics/sql's qdouble
  main_n::float8 / main_d::float8 AS main_ok, member_n::float8 / member_d::float8 AS member_ok,
  late, missed_feedback, missed_hazards
FROM rounded
ORDER BY i, parent_code COLLATE "C", rank, unit_code COLLATE "C";
