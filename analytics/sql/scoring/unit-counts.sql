-- Every count behind the scores of domain.md section 6, one row per (month i, county-level unit), for
-- several months at once, kept as the temp table unit_counts of the recompute's transaction
-- (analytics/src/figures.ts). Whole numbers only: scores.sql does the exact arithmetic on them.
--   $from, $eoms, $first_eom, $last_eom, $day_buckets   as in dispatch/figures.sql
--   $first_month_start, $last_month_start   first days of the campaign's first and last assessed months
--   $stage_due, $summary_due                the one-off deadlines
--   $lookback_days, $main_required, $member_required   the scheme's
-- Each record is reduced to the bucket of the day that makes it count (month_bucket, macros.sql), grouped,
-- then spread over the months. Inspections and findings come from the temp table inspection_firsts
-- (inspection-firsts.sql); the record-level rule of missed_feedback is read as defined (missed-feedback.sql),
-- up to the last month's end.
WITH
months AS (
  SELECT i - 1 AS i, ($eoms::DATE[])[i] AS eom FROM range(1, len($eoms::DATE[]) + 1) t(i)
),
county_units AS (
  SELECT code, name, parent_code FROM units WHERE level IN ('county', 'zone')
),
-- I1, I3 (hazard_outcomes.sql): the day each hazard found in the window becomes rectified, overdue (its
-- deadline, when it was not rectified on or before it) and penalised (its first `penalty`, by any unit,
-- dated from the window start)
penalties AS (
  SELECT hazard_ledger_no, min(acted_on) AS first_on
  FROM actions
  WHERE kind = 'penalty' AND hazard_ledger_no IS NOT NULL AND acted_on BETWEEN $from AND $last_eom
  GROUP BY hazard_ledger_no
),
hz_days AS (
  SELECT h.unit_code, h.source = 'enforcement' AS enforced, h.found_on,
    CASE WHEN h.rectified_on IS NOT NULL THEN greatest(h.found_on, h.rectified_on) END AS rectified_day,
    CASE WHEN h.deadline IS NOT NULL AND NOT coalesce(h.rectified_on <= h.deadline, false)
         THEN greatest(h.found_on, h.deadline) END AS overdue_day,
    CASE WHEN p.first_on IS NOT NULL THEN greatest(h.found_on, p.first_on) END AS penalised_day
  FROM hazards h
  LEFT JOIN penalties p ON p.hazard_ledger_no = h.ledger_no
  WHERE h.found_on BETWEEN $from AND $last_eom
),
hz AS MATERIALIZED (
  SELECT unit_code, enforced,
    month_bucket(found_on, $first_eom, $last_eom, $day_buckets) AS b_found,
    month_bucket(rectified_day, $first_eom, $last_eom, $day_buckets) AS b_rectified,
    month_bucket(overdue_day, $first_eom, $last_eom, $day_buckets) AS b_overdue,
    month_bucket(penalised_day, $first_eom, $last_eom, $day_buckets) AS b_penalised
  FROM hz_days
),
-- each figure's histogram over the buckets (the days that make a hazard rectified, overdue or penalised
-- are never before its found day, so counted by month i means found by then), then spread over the
-- months: at most |months| rows a unit
hz_added AS (
  SELECT unit_code, b, sum(found) AS found, sum(rectified) AS rectified, sum(overdue) AS overdue,
    sum(enforced) AS enforced, sum(penalised) AS penalised, sum(enforced_rectified) AS enforced_rectified
  FROM (
    SELECT unit_code, b_found AS b, count(*) AS found, count(*) FILTER (WHERE enforced) AS enforced
    FROM hz GROUP BY ALL
    UNION ALL BY NAME
    SELECT unit_code, b_rectified AS b, count(*) AS rectified, count(*) FILTER (WHERE enforced) AS enforced_rectified
    FROM hz WHERE b_rectified IS NOT NULL GROUP BY ALL
    UNION ALL BY NAME
    SELECT unit_code, b_overdue AS b, count(*) AS overdue FROM hz WHERE b_overdue IS NOT NULL GROUP BY ALL
    UNION ALL BY NAME
    SELECT unit_code, b_penalised AS b, count(*) FILTER (WHERE enforced) AS penalised
    FROM hz WHERE b_penalised IS NOT NULL GROUP BY ALL
  ) x
  GROUP BY unit_code, b
),
hz_counts AS (
  SELECT m.i, h.unit_code,
    sum(found) AS found, sum(rectified) AS rectified, sum(overdue) AS overdue, sum(enforced) AS enforced,
    sum(penalised) AS penalised, sum(enforced_rectified) AS enforced_rectified
  FROM hz_added h JOIN months m ON h.b <= m.i
  GROUP BY m.i, h.unit_code
),
-- I2 (enterprise_checks.sql): each in-scope enterprise (enterprise_scope, prepare/enterprise-scope.sql),
-- with the first inspection its own unit made of it in the window and the first such inspection with a
-- finding: the (unit, enterprise) pair's row of inspection_firsts
checks AS (
  SELECT e.unit_code,
    month_bucket(c.first_on, $first_eom, $last_eom, $day_buckets) AS b_checked,
    month_bucket(c.flagged_on, $first_eom, $last_eom, $day_buckets) AS b_flagged,
    count(*) AS n
  FROM enterprise_scope e
  LEFT JOIN inspection_firsts c ON c.pair_id = e.pair_id
  GROUP BY ALL
),
ent_counts AS (
  SELECT m.i, c.unit_code, sum(n) AS scope,
    coalesce(sum(n) FILTER (WHERE b_checked <= m.i), 0) AS checked,
    coalesce(sum(n) FILTER (WHERE b_flagged <= m.i), 0) AS flagged
  FROM checks c CROSS JOIN months m
  GROUP BY m.i, c.unit_code
),
-- I3 cases: `typical_case` actions of the unit in the window
typical AS (
  SELECT m.i, t.unit_code, sum(t.n) AS cases
  FROM (
    SELECT unit_code, month_bucket(acted_on, $first_eom, $last_eom, $day_buckets) AS b_acted, count(*) AS n
    FROM actions
    WHERE kind = 'typical_case' AND acted_on BETWEEN $from AND $last_eom
    GROUP BY ALL
  ) t JOIN months m ON t.b_acted <= m.i
  GROUP BY m.i, t.unit_code
),
-- I4 (leader_months.sql): each (leader on the roster, calendar month from the first assessed month) that
-- met the rule, by the bucket of the month's first day; pairs = the role's leaders × months so far
calendar AS (
  SELECT m::DATE AS month_start
  FROM generate_series($first_month_start::TIMESTAMP, date_trunc('month', $last_eom::DATE)::TIMESTAMP, INTERVAL 1 MONTH) t(m)
),
leader_month_counts AS (
  SELECT unit_code, leader_name, date_trunc('month', inspected_on)::DATE AS month_start, count(*) AS n
  FROM leader_inspections
  WHERE inspected_on BETWEEN $first_month_start AND $last_eom
  GROUP BY ALL
),
leader_ok AS (
  SELECT l.unit_code, l.role, month_bucket(c.month_start, $first_eom, $last_eom, $day_buckets) AS b_month, count(*) AS n
  FROM leaders l
  CROSS JOIN calendar c
  LEFT JOIN leader_month_counts x ON x.unit_code = l.unit_code AND x.leader_name = l.name AND x.month_start = c.month_start
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
-- Deduction `missed_feedback` (missed-feedback.sql): by the bucket of the Friday
feedback_missed AS (
  SELECT m.i, x.unit_code, sum(x.n) AS missed_feedback
  FROM (
    SELECT unit_code, month_bucket(friday, $first_eom, $last_eom, $day_buckets) AS b_friday, count(*) AS n
    FROM missed_feedback($last_eom)
    GROUP BY ALL
  ) x JOIN months m ON x.b_friday <= m.i
  GROUP BY m.i, x.unit_code
),
-- Deduction `missed_hazards` (missed-hazards.sql): one per hazard, by the bucket of its found day. The few
-- candidate hazards (the parent's `enforcement` hazards at enterprises of its county-level units) are
-- made first, so that the inspections are only probed against them: joined to enterprises first, as the
-- planner chose when given the whole rule, the inspections cost most of this statement.
missed_candidates AS MATERIALIZED (
  SELECT u.code AS unit_code, h.ledger_no, h.found_on, p.pair_id
  FROM hazards h
  JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
  JOIN units u ON u.code = e.unit_code AND u.parent_code = h.unit_code AND u.level IN ('county', 'zone')
  -- the (unit, enterprise) pair's key (prepare/inspection-pairs.sql): no pair, no inspection to have missed it
  JOIN inspection_pairs p ON p.unit_code = u.code AND p.enterprise_credit_code = h.enterprise_credit_code
  WHERE h.source = 'enforcement' AND h.found_on BETWEEN $from AND $last_eom
),
hazards_missed AS (
  SELECT m.i, x.unit_code, sum(x.n) AS missed_hazards
  FROM (
    SELECT c.unit_code, month_bucket(c.found_on, $first_eom, $last_eom, $day_buckets) AS b_found,
      count(DISTINCT c.ledger_no) AS n
    FROM missed_candidates c
    JOIN inspection_marks i ON i.pair_id = c.pair_id AND i.major_hazards_found = 0
      AND i.inspected_on BETWEEN c.found_on - $lookback_days::INTEGER AND c.found_on - 1
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
