-- Scores and ranking (打分排队) of domain.md section 6 for every (month i, county-level unit) of the temp
-- table unit_counts (unit-counts.sql), as of month i's end.
-- Exact arithmetic on HUGEINT fractions (never doubles: 21.435 must round to 21.44): each indicator is
-- one fraction n / d over the product of its terms' denominators, reduced by their gcd; Total is their sum
-- over the lcm of the reduced denominators, so no product grows past what the terms need. The only
-- division is the rounding to cents, half away from zero (frac_cents, macros.sql). I1 … I4, D and Total
-- are each rounded from their exact values, and the ranking compares the rounded values.
-- Scheme weights arrive as whole ten-thousandths ($w_* = weight × 10000, see analytics/src/scheme.ts).
-- Peers are the county-level units with the same parent, in the same month; rank = 1 + the number of
-- peers strictly ahead on (Total, I1, I2, I3, I4), which is what rank() computes: equal tuples share a rank.
WITH
ratios AS (
  -- r(a, b) = a / b in ten-thousandths, and the scheme's empty ratio when b = 0
  SELECT c.*,
    (CASE WHEN found = 0 THEN $w_empty_ratio ELSE rectified * 10000 END)::HUGEINT AS rect_n,
    (CASE WHEN found = 0 THEN $w_empty_ratio ELSE (found - overdue) * 10000 END)::HUGEINT AS on_time_n,
    (CASE WHEN found = 0 THEN 10000 ELSE found * 10000 END)::HUGEINT AS found_d,
    (CASE WHEN scope = 0 THEN $w_empty_ratio ELSE checked * 10000 END)::HUGEINT AS checked_n,
    (CASE WHEN scope = 0 THEN 10000 ELSE scope * 10000 END)::HUGEINT AS checked_d,
    -- flagged / checked, 0 when checked = 0
    (CASE WHEN checked = 0 THEN 0 ELSE flagged END)::HUGEINT AS flagged_n,
    (CASE WHEN checked = 0 THEN 1 ELSE checked END)::HUGEINT AS flagged_d,
    -- both I3 result ratios are 0 when enforced = 0
    (CASE WHEN enforced = 0 THEN 0 ELSE penalised END)::HUGEINT AS penalised_n,
    (CASE WHEN enforced = 0 THEN 0 ELSE enforced_rectified END)::HUGEINT AS enf_rect_n,
    (CASE WHEN enforced = 0 THEN 1 ELSE enforced END)::HUGEINT AS enforced_d,
    -- min(1, cases / |months|)
    (CASE WHEN months = 0 THEN 0 WHEN cases >= months THEN 1 ELSE cases END)::HUGEINT AS cases_n,
    (CASE WHEN months = 0 OR cases >= months THEN 1 ELSE months END)::HUGEINT AS cases_d,
    -- no leader of a role: 0
    (CASE WHEN main_pairs = 0 THEN 0 ELSE main_ok_pairs END)::HUGEINT AS main_n,
    (CASE WHEN main_pairs = 0 THEN 1 ELSE main_pairs END)::HUGEINT AS main_d,
    (CASE WHEN member_pairs = 0 THEN 0 ELSE member_ok_pairs END)::HUGEINT AS member_n,
    (CASE WHEN member_pairs = 0 THEN 1 ELSE member_pairs END)::HUGEINT AS member_d
  FROM unit_counts c
),
indicators AS (
  -- each indicator as one fraction (weights in ten-thousandths: × 10000 in the denominator)
  SELECT r.*,
    $w_i1_rectified * rect_n + $w_i1_on_time * on_time_n AS i1_n0, 10000 * found_d AS i1_d0,
    $w_i2_coverage * checked_n * flagged_d + $w_i2_flagged * flagged_n * checked_d AS i2_n0,
      10000 * checked_d * flagged_d AS i2_d0,
    ($w_i3_penalised * penalised_n + $w_i3_enforced_rectified * enf_rect_n) * cases_d
      + $w_i3_cases * cases_n * enforced_d AS i3_n0,
      10000 * enforced_d * cases_d AS i3_d0,
    $w_i4_main * main_n * member_d + $w_i4_member * member_n * main_d AS i4_n0, 10000 * main_d * member_d AS i4_d0,
    -- D = min(cap, late · w + missed_feedback · w + missed_hazards · w), all in ten-thousandths
    least($w_cap::HUGEINT, late * $w_late::HUGEINT + missed_feedback * $w_missed_feedback::HUGEINT
                           + missed_hazards * $w_missed_hazard::HUGEINT) AS d_n0, 10000::HUGEINT AS d_d0
  FROM ratios r
),
reduced AS (
  SELECT x.*,
    exact_div(i1_n0, i1_g) AS i1_n, exact_div(i1_d0, i1_g) AS i1_d,
    exact_div(i2_n0, i2_g) AS i2_n, exact_div(i2_d0, i2_g) AS i2_d,
    exact_div(i3_n0, i3_g) AS i3_n, exact_div(i3_d0, i3_g) AS i3_d,
    exact_div(i4_n0, i4_g) AS i4_n, exact_div(i4_d0, i4_g) AS i4_d,
    exact_div(d_n0, d_g) AS d_n, exact_div(d_d0, d_g) AS d_d
  FROM (
    -- each gcd once (exact_gcd, exact_div: macros.sql, HUGEINT values computed in 64 bits when they fit)
    SELECT x.*, exact_gcd(i1_n0, i1_d0) AS i1_g, exact_gcd(i2_n0, i2_d0) AS i2_g, exact_gcd(i3_n0, i3_d0) AS i3_g,
      exact_gcd(i4_n0, i4_d0) AS i4_g, exact_gcd(d_n0, d_d0) AS d_g
    FROM indicators x
  ) x
),
-- lcm(lcm(lcm(lcm(i1_d, i2_d), i3_d), i4_d), d_d), one step a level (a nested macro repeats its arguments)
l2 AS (SELECT r.*, exact_lcm(i1_d, i2_d) AS l12 FROM reduced r),
l3 AS (SELECT r.*, exact_lcm(l12, i3_d) AS l123 FROM l2 r),
l4 AS (SELECT r.*, exact_lcm(l123, i4_d) AS l1234 FROM l3 r),
common AS (
  SELECT r.*, exact_lcm(l1234, d_d) AS total_d FROM l4 r
),
totals AS (
  -- Total = max(0, I1 + I2 + I3 + I4 − D) over the common denominator
  SELECT c.*, greatest(0::HUGEINT, i1_n * exact_div(total_d, i1_d) + i2_n * exact_div(total_d, i2_d)
    + i3_n * exact_div(total_d, i3_d) + i4_n * exact_div(total_d, i4_d) - d_n * exact_div(total_d, d_d)) AS total_n
  FROM common c
),
rounded AS (
  SELECT t.*,
    frac_cents(total_n, total_d) AS total_c, frac_cents(i1_n, i1_d) AS i1_c, frac_cents(i2_n, i2_d) AS i2_c,
    frac_cents(i3_n, i3_d) AS i3_c, frac_cents(i4_n, i4_d) AS i4_c, frac_cents(d_n, d_d) AS d_c
  FROM totals t
)
SELECT i, unit_code AS unit, name, parent_code,
  (rank() OVER (PARTITION BY i, parent_code ORDER BY total_c DESC, i1_c DESC, i2_c DESC, i3_c DESC, i4_c DESC))::INTEGER AS rank,
  -- whole cents / 100 as a DOUBLE: the nearest double to the exact value, the number JSON carries, which is
  -- what types.ts makes of the exact DECIMAL's text; a DECIMAL result costs a bigint and an object a value
  -- in node-api (about 0.3 s of CPU for the 8 months at nation scale)
  total_c::DOUBLE / 100 AS total, i1_c::DOUBLE / 100 AS "I1", i2_c::DOUBLE / 100 AS "I2",
  i3_c::DOUBLE / 100 AS "I3", i4_c::DOUBLE / 100 AS "I4", d_c::DOUBLE / 100 AS "D",
  -- counts as INTEGER: a JS number straight from the result, where a HUGEINT sum is a bigint to convert
  found::INTEGER AS found, rectified::INTEGER AS rectified, overdue::INTEGER AS overdue, scope::INTEGER AS scope,
  checked::INTEGER AS checked, flagged::INTEGER AS flagged, enforced::INTEGER AS enforced,
  penalised::INTEGER AS penalised, enforced_rectified::INTEGER AS enforced_rectified, cases::INTEGER AS cases,
  -- unrounded shares for display: doubles on purpose
  main_n::DOUBLE / main_d::DOUBLE AS main_ok, member_n::DOUBLE / member_d::DOUBLE AS member_ok,
  late::INTEGER AS late, missed_feedback::INTEGER AS missed_feedback, missed_hazards::INTEGER AS missed_hazards
FROM rounded
ORDER BY i, parent_code, rank, unit_code;
