-- Every count behind the scores of domain.md section 6, one row per (month i, county-level unit), for
-- several months at once, kept as the temp table unit_counts of the recompute's transaction
-- (analytics/src/figures.ts). Whole numbers only: scores.sql does the exact arithmetic on them.
--   $from, $eoms, $first_eom, $last_eom, $day_buckets   as in dispatch/figures.sql
--   $first_month_start, $last_month_start   first days of the campaign's first and last assessed months
--   $stage_due, $summary_due                the one-off deadlines
--   $lookback_days, $main_required, $member_required   the scheme's
-- Each record is reduced to the bucket of the day that makes it count (month_bucket, macros.sql), grouped,
-- then spread over the months. Hazards, actions, inspections and findings come already counted per window
-- start and calendar month (the derived tables of analytics/sql/prepare, rebuilt after every load), and so do
-- the missed feedback Fridays (missed-feedback.sql) and the leader inspections.
WITH
months AS (
  SELECT i - 1 AS i, ($eoms::DATE[])[i] AS eom FROM range(1, len($eoms::DATE[]) + 1) t(i)
),
county_units AS (
  SELECT code, name, parent_code FROM units WHERE level IN ('county', 'zone')
),
-- I1, I3 (hazard_outcomes.sql): the hazards found in the window, counted by the month bucket of the day each
-- becomes found, rectified, overdue (its deadline, when it was not rectified on or before it) and penalised
-- (its first `penalty`, by any unit, dated from the window start): prepare/window-hazard-months.sql keeps
-- them per window start, unit and calendar month, and every day of a calendar month has the month's bucket.
-- Those days are never before the found day, so counted by month i means found by then.
hz_counts AS (
  SELECT m.i, h.reporter AS unit_code,
    sum(found) AS found, sum(rectified) AS rectified, sum(overdue) AS overdue, sum(enforced) AS enforced,
    sum(penalised) AS penalised, sum(enforced_rectified) AS enforced_rectified
  FROM (
    SELECT *, month_bucket(month_on, $first_eom, $last_eom, $day_buckets) AS b FROM window_hazard_months WHERE from_on = $from
  ) h JOIN months m ON h.b <= m.i
  GROUP BY m.i, h.reporter
),
-- I2 (enterprise_checks.sql): the in-scope enterprises of each unit (prepare/window-scope-checks.sql), by the
-- bucket of the first inspection their own unit made of them in the window and of the first such with a
-- finding
ent_counts AS (
  SELECT m.i, c.unit_code, sum(n) AS scope,
    coalesce(sum(n) FILTER (WHERE b_checked <= m.i), 0) AS checked,
    coalesce(sum(n) FILTER (WHERE b_flagged <= m.i), 0) AS flagged
  FROM (
    SELECT unit_code, n, month_bucket(checked_month, $first_eom, $last_eom, $day_buckets) AS b_checked,
      month_bucket(flagged_month, $first_eom, $last_eom, $day_buckets) AS b_flagged
    FROM window_scope_checks WHERE from_on = $from
  ) c CROSS JOIN months m
  GROUP BY m.i, c.unit_code
),
-- I3 cases: `typical_case` actions of the unit in the window (C8's cases, prepare/window-action-months.sql)
typical AS (
  SELECT m.i, t.reporter AS unit_code, sum(t.C8_cases) AS cases
  FROM (
    SELECT reporter, C8_cases, month_bucket(month_on, $first_eom, $last_eom, $day_buckets) AS b
    FROM window_action_months WHERE from_on = $from AND C8_cases > 0
  ) t JOIN months m ON t.b <= m.i
  GROUP BY m.i, t.reporter
),
-- I4 (leader_months.sql): each (leader on the roster, calendar month from the first assessed month) that
-- met the rule, by the bucket of the month's first day; pairs = the role's leaders × months so far
calendar AS (
  SELECT m::DATE AS month_start
  FROM generate_series($first_month_start::TIMESTAMP, date_trunc('month', $last_eom::DATE)::TIMESTAMP, INTERVAL 1 MONTH) t(m)
),
-- each (unit, leader, calendar month)'s leader inspections, counted after every load
-- (prepare/leader-inspection-months.sql); a calendar month of the window lies wholly in it
leader_ok AS (
  SELECT l.unit_code, l.role, month_bucket(c.month_start, $first_eom, $last_eom, $day_buckets) AS b_month, count(*) AS n
  FROM leaders l
  CROSS JOIN calendar c
  LEFT JOIN leader_inspection_months x ON x.unit_code = l.unit_code AND x.leader_name = l.name AND x.month_start = c.month_start
  WHERE coalesce(x.n, 0) >= CASE l.role WHEN 'main' THEN $main_required ELSE $member_required END
  GROUP BY ALL
),
leader_ok_counts AS (
  SELECT m.i, o.unit_code,
    sum(o.n) FILTER (WHERE o.role = 'main') AS main_ok_pairs,
    sum(o.n) FILTER (WHERE o.role = 'member') AS member_ok_pairs
  FROM leader_ok o JOIN months m ON o.b_month <= m.i
  GROUP BY m.i, o.unit_code
),
roster AS (
  SELECT unit_code, count(*) FILTER (WHERE role = 'main') AS main_leaders,
    count(*) FILTER (WHERE role = 'member') AS member_leaders
  FROM leaders GROUP BY unit_code
),
-- Deduction `late` (owed_submissions.sql): each submission a county-level unit owes, by the bucket of its
-- due date, when nothing of that kind (and period) was submitted on or before it
schedule_months AS (
  SELECT m::DATE AS k
  FROM generate_series($first_month_start::TIMESTAMP, $last_month_start::TIMESTAMP, INTERVAL 1 MONTH) t(m)
),
schedule AS (
  SELECT 'monthly_report' AS kind, strftime(k, '%Y-%m') AS period, least(k + 28, last_day(k)) AS due FROM schedule_months
  UNION ALL
  SELECT 'dispatch_table', strftime(k, '%Y-%m'), last_day(k) + 1 FROM schedule_months WHERE k < $last_month_start
  -- a campaign without a one-off report (NULL) owes none
  UNION ALL SELECT 'stage_report', NULL, $stage_due::DATE WHERE $stage_due::DATE IS NOT NULL
  UNION ALL SELECT 'summary', NULL, $summary_due::DATE WHERE $summary_due::DATE IS NOT NULL
),
first_submissions AS (
  -- the first submission of each (unit, kind, period), for the monthly kinds, and of each (unit, kind)
  -- whatever its period, for the one-off reports (their period is not compared): both by equality, so
  -- the owed rows join by hash (an OR in the condition made it a nested loop, quadratic in units)
  SELECT unit_code, kind, period, false AS any_period, min(submitted_on) AS first_on
  FROM submissions WHERE period IS NOT NULL GROUP BY unit_code, kind, period
  UNION ALL
  SELECT unit_code, kind, NULL, true, min(submitted_on) FROM submissions GROUP BY unit_code, kind
),
late_owed AS (
  SELECT cu.code AS unit_code, month_bucket(s.due, $first_eom, $last_eom, $day_buckets) AS b_due
  FROM county_units cu
  CROSS JOIN schedule s
  LEFT JOIN first_submissions x
    ON x.unit_code = cu.code AND x.kind = s.kind AND x.any_period = (s.period IS NULL)
    AND x.period IS NOT DISTINCT FROM s.period AND x.first_on <= s.due
  WHERE x.kind IS NULL
),
late AS (
  SELECT m.i, o.unit_code, count(*) AS late
  FROM late_owed o JOIN months m ON o.b_due <= m.i
  GROUP BY m.i, o.unit_code
),
-- Deduction `missed_feedback` (missed-feedback.sql): by the bucket of the Friday, from the missed Fridays
-- counted per unit and calendar month after every load (prepare/missed-feedback-months.sql)
feedback_missed AS (
  SELECT m.i, x.unit_code, sum(x.n) AS missed_feedback
  FROM (
    SELECT unit_code, n, month_bucket(month_on, $first_eom, $last_eom, $day_buckets) AS b FROM missed_feedback_months
  ) x JOIN months m ON x.b <= m.i
  GROUP BY m.i, x.unit_code
),
-- Deduction `missed_hazards` (missed-hazards.sql): one per hazard, by the bucket of its found day. The
-- candidates (the parent's `enforcement` hazards at enterprises of its county-level units, with the unit's
-- last clean inspection of the enterprise before the found day) are kept after every load
-- (prepare/missed-hazard-candidates.sql): a hazard was missed when that inspection lies within the lookback.
hazards_missed AS (
  SELECT m.i, x.unit_code, sum(x.n) AS missed_hazards
  FROM (
    SELECT c.unit_code, month_bucket(c.found_on, $first_eom, $last_eom, $day_buckets) AS b_found,
      count(DISTINCT c.ledger_no) AS n
    FROM missed_hazard_candidates c
    WHERE c.found_on BETWEEN $from AND $last_eom AND c.last_clean_on >= c.found_on - $lookback_days::INTEGER
    GROUP BY ALL
  ) x JOIN months m ON x.b_found <= m.i
  GROUP BY m.i, x.unit_code
)
SELECT m.i, cu.code AS unit_code, cu.name, cu.parent_code,
  -- |months|: the assessed months from the first to the month of month i's end
  datediff('month', $first_month_start::DATE, m.eom) + 1 AS months,
  coalesce(hz.found, 0) AS found, coalesce(hz.rectified, 0) AS rectified, coalesce(hz.overdue, 0) AS overdue,
  coalesce(ent.scope, 0) AS scope, coalesce(ent.checked, 0) AS checked, coalesce(ent.flagged, 0) AS flagged,
  coalesce(hz.enforced, 0) AS enforced, coalesce(hz.penalised, 0) AS penalised,
  coalesce(hz.enforced_rectified, 0) AS enforced_rectified, coalesce(typical.cases, 0) AS cases,
  coalesce(r.main_leaders, 0) * (datediff('month', $first_month_start::DATE, m.eom) + 1) AS main_pairs,
  coalesce(lo.main_ok_pairs, 0) AS main_ok_pairs,
  coalesce(r.member_leaders, 0) * (datediff('month', $first_month_start::DATE, m.eom) + 1) AS member_pairs,
  coalesce(lo.member_ok_pairs, 0) AS member_ok_pairs,
  coalesce(late.late, 0) AS late, coalesce(fm.missed_feedback, 0) AS missed_feedback,
  coalesce(hm.missed_hazards, 0) AS missed_hazards
FROM county_units cu
CROSS JOIN months m
LEFT JOIN hz_counts hz ON hz.i = m.i AND hz.unit_code = cu.code
LEFT JOIN ent_counts ent ON ent.i = m.i AND ent.unit_code = cu.code
LEFT JOIN typical ON typical.i = m.i AND typical.unit_code = cu.code
LEFT JOIN roster r ON r.unit_code = cu.code
LEFT JOIN leader_ok_counts lo ON lo.i = m.i AND lo.unit_code = cu.code
LEFT JOIN late ON late.i = m.i AND late.unit_code = cu.code
LEFT JOIN feedback_missed fm ON fm.i = m.i AND fm.unit_code = cu.code
LEFT JOIN hazards_missed hm ON hm.i = m.i AND hm.unit_code = cu.code;
