-- Scores and ranking (打分排队) of domain.md section 6 for every county-level unit, as of $eom.
-- Exact rational arithmetic (macros.sql); I1 … I4, D and Total are each rounded half away from zero
-- to 2 decimals from their exact values, and the ranking compares the rounded values.
-- Scheme weights arrive as whole ten-thousandths ($w_* = weight × 10000, see analytics/src/scheme.ts).
-- Peers are the county-level units with the same parent; rank = 1 + the number of peers strictly
-- ahead on (Total, I1, I2, I3, I4), which is what rank() computes: equal tuples share a rank.
-- One rational operation per step, on columns only: DuckDB expands macros in place, so nesting them
-- (qadd(qmul(…), …)) multiplies the expression size at each level and planning takes seconds.
WITH
counts AS (
  SELECT * FROM unit_counts($from, $first_month_start, $last_month_start, $eom, $lookback_days,
                            $main_required, $member_required, $stage_due, $summary_due)
),
weights AS (
  SELECT qweight($w_i1_rectified) AS w_i1_rectified, qweight($w_i1_on_time) AS w_i1_on_time,
    qweight($w_i2_coverage) AS w_i2_coverage, qweight($w_i2_flagged) AS w_i2_flagged,
    qweight($w_i3_penalised) AS w_i3_penalised, qweight($w_i3_enforced_rectified) AS w_i3_enforced_rectified,
    qweight($w_i3_cases) AS w_i3_cases, qweight($w_i4_main) AS w_i4_main, qweight($w_i4_member) AS w_i4_member,
    qweight($w_late) AS w_late, qweight($w_missed_feedback) AS w_missed_feedback,
    qweight($w_missed_hazard) AS w_missed_hazard, qweight($w_cap) AS w_cap,
    qweight($w_empty_ratio) AS r_empty, qint(0) AS zero, qint(1) AS one
),
ratios AS (
  SELECT c.*, w.*,
    qratio(rectified, found, r_empty) AS r_rectified,                    -- r(a, 0) = emptyRatio
    qratio(found - overdue, found, r_empty) AS r_on_time,
    qratio(checked, scope, r_empty) AS r_checked,
    qratio(flagged, checked, zero) AS r_flagged,                         -- 0 when checked = 0
    qratio(penalised, enforced, zero) AS r_penalised,                    -- both 0 when enforced = 0
    qratio(enforced_rectified, enforced, zero) AS r_enforced_rectified,
    qratio(cases, months, zero) AS cases_per_month,
    qratio(main_ok_pairs, main_pairs, zero) AS main_ok,                  -- no leader of a role: 0
    qratio(member_ok_pairs, member_pairs, zero) AS member_ok,
    qint(late) AS n_late, qint(missed_feedback) AS n_missed_feedback, qint(missed_hazards) AS n_missed_hazards
  FROM counts c CROSS JOIN weights w
),
terms AS (
  SELECT *,
    qmul(w_i1_rectified, r_rectified) AS t_rectified, qmul(w_i1_on_time, r_on_time) AS t_on_time,
    qmul(w_i2_coverage, r_checked) AS t_checked, qmul(w_i2_flagged, r_flagged) AS t_flagged,
    qmul(w_i3_penalised, r_penalised) AS t_penalised,
    qmul(w_i3_enforced_rectified, r_enforced_rectified) AS t_enforced_rectified,
    qmin(one, cases_per_month) AS r_cases,
    qmul(w_i4_main, main_ok) AS t_main, qmul(w_i4_member, member_ok) AS t_member,
    qmul(w_late, n_late) AS t_late, qmul(w_missed_feedback, n_missed_feedback) AS t_missed_feedback,
    qmul(w_missed_hazard, n_missed_hazards) AS t_missed_hazards
  FROM ratios
),
sums AS (
  SELECT *,
    qadd(t_rectified, t_on_time) AS i1,
    qadd(t_checked, t_flagged) AS i2,
    qadd(t_penalised, t_enforced_rectified) AS i3_results,
    qmul(w_i3_cases, r_cases) AS t_cases,
    qadd(t_main, t_member) AS i4,
    qadd(t_late, t_missed_feedback) AS d_late_feedback
  FROM terms
),
indicators AS (
  SELECT *,
    qadd(i3_results, t_cases) AS i3,
    qadd(d_late_feedback, t_missed_hazards) AS d_uncapped,
    qadd(i1, i2) AS i12
  FROM sums
),
deductions AS (
  SELECT *, qmin(w_cap, d_uncapped) AS d, qadd(i3, i4) AS i34 FROM indicators
),
gross AS (
  SELECT *, qadd(i12, i34) AS i1234 FROM deductions
),
net AS (
  SELECT *, qsub(i1234, d) AS before_floor FROM gross
),
totals AS (
  SELECT *, qmax(zero, before_floor) AS total FROM net
),
rounded AS (
  SELECT *, qround2(total) AS total_2, qround2(i1) AS i1_2, qround2(i2) AS i2_2, qround2(i3) AS i3_2,
    qround2(i4) AS i4_2, qround2(d) AS d_2
  FROM totals
)
SELECT unit_code AS unit, name, parent_code,
  rank() OVER (PARTITION BY parent_code ORDER BY total_2 DESC, i1_2 DESC, i2_2 DESC, i3_2 DESC, i4_2 DESC) AS rank,
  total_2 AS total, i1_2 AS "I1", i2_2 AS "I2", i3_2 AS "I3", i4_2 AS "I4", d_2 AS "D",
  found, rectified, overdue, scope, checked, flagged, enforced, penalised, enforced_rectified, cases,
  qdouble(main_ok) AS main_ok, qdouble(member_ok) AS member_ok, late, missed_feedback, missed_hazards
FROM rounded
ORDER BY parent_code, rank, unit_code;
