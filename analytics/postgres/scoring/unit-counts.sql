-- Every count behind the scores of domain.md section 6, one row per (month, county-level unit), for
-- several months at once; same rules as analytics/sql/scoring/*.sql (unit-counts.sql and the record-level
-- macros it reads). Whole numbers only: scores.sql does the exact arithmetic on them.
--   $from, $eoms, $last_eom    as in dispatch/figures.sql (month i counts what falls on or before $eoms[i+1])
--   $first_month_start         first day of the campaign's first assessed month
--   $last_month_start          first day of its last assessed month (the submission schedule's end)
--   $stage_due, $summary_due   the one-off deadlines; $lookback_days, $main_required, $member_required: the scheme's
-- Each table is scanned once, each record reduced to the bucket of the month that first counts it
-- (width_bucket(d - 1, $eoms)), then grouped, then spread over the months; the penalties, typical cases
-- and the city's enforcement hazards come from partial indexes (indexes.sql). Inspections and findings are
-- read through the temp table inspection_firsts (inspection-firsts.sql), made first in the same session.
WITH
months AS (
  SELECT i, ($eoms::date[])[i + 1] AS eom FROM generate_series(0, cardinality($eoms::date[]) - 1) AS g(i)
),
county_units AS (
  SELECT code, name, parent_code FROM units WHERE level IN ('county', 'zone')
),
-- I1, I3 (hazard_outcomes): by the buckets of found, rectified, overdue and penalised
penalties AS (
  -- the first `penalty` (by any unit) linked to each hazard, dated from the window start
  SELECT hazard_ledger_no, min(acted_on) AS first_on
  FROM actions
  WHERE kind = 'penalty' AND hazard_ledger_no IS NOT NULL AND acted_on BETWEEN $from::date AND $last_eom::date
  GROUP BY hazard_ledger_no
),
hz AS (
  SELECT h.unit_code, h.source = 'enforcement' AS enforced,
    width_bucket(h.found_on - 1, $eoms::date[]) AS b_found,
    width_bucket(CASE WHEN h.rectified_on IS NOT NULL THEN greatest(h.found_on, h.rectified_on) END - 1, $eoms::date[]) AS b_rectified,
    -- overdue: a deadline on or before EOM and not rectified on or before that deadline
    width_bucket(CASE WHEN h.deadline IS NOT NULL AND NOT coalesce(h.rectified_on <= h.deadline, false)
                      THEN greatest(h.found_on, h.deadline) END - 1, $eoms::date[]) AS b_overdue,
    width_bucket(CASE WHEN p.first_on IS NOT NULL THEN greatest(h.found_on, p.first_on) END - 1, $eoms::date[]) AS b_penalised,
    count(*) AS n
  FROM hazards h
  LEFT JOIN penalties p ON p.hazard_ledger_no = h.ledger_no
  WHERE h.found_on BETWEEN $from::date AND $last_eom::date
  GROUP BY 1, 2, 3, 4, 5, 6
),
hz_counts AS (
  SELECT m.i, h.unit_code,
    sum(n) AS found,
    sum(n) FILTER (WHERE b_rectified <= m.i) AS rectified,
    sum(n) FILTER (WHERE b_overdue <= m.i) AS overdue,
    sum(n) FILTER (WHERE enforced) AS enforced,
    sum(n) FILTER (WHERE enforced AND b_penalised <= m.i) AS penalised,
    sum(n) FILTER (WHERE enforced AND b_rectified <= m.i) AS enforced_rectified
  FROM hz h JOIN months m ON h.b_found <= m.i
  GROUP BY m.i, h.unit_code
),
-- I2 (enterprise_checks): each in-scope enterprise's first inspection by its own unit in the window,
-- and the first such inspection with a finding, from inspection_firsts (inspection-firsts.sql)
checks AS (
  SELECT e.unit_code,
    width_bucket(c.first_on - 1, $eoms::date[]) AS b_checked,
    width_bucket(least(c.b2_on, c.b3_on, c.b4_on, c.b5_on, c.b6_on, c.b7_on, c.b8_on) - 1, $eoms::date[]) AS b_flagged,
    count(*) AS n
  FROM enterprises e
  LEFT JOIN inspection_firsts c ON c.enterprise_credit_code = e.credit_code AND c.unit_code = e.unit_code
  WHERE e.industry <> 'other' OR e.risk_level IN ('larger', 'major')
  GROUP BY 1, 2, 3
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
    SELECT unit_code, width_bucket(acted_on - 1, $eoms::date[]) AS b_acted, count(*) AS n
    FROM actions
    WHERE kind = 'typical_case' AND acted_on BETWEEN $from::date AND $last_eom::date
    GROUP BY 1, 2
  ) t JOIN months m ON t.b_acted <= m.i
  GROUP BY m.i, t.unit_code
),
-- I4 (leader_months): each (leader, calendar month from the first assessed month) that met the rule,
-- by the bucket of the month's first day; pairs = the role's leaders on the roster × months so far
leader_month_counts AS (
  SELECT unit_code, leader_name,
    inspected_on - extract(day FROM inspected_on)::int + 1 AS month_start, count(*) AS n
  FROM leader_inspections
  WHERE inspected_on BETWEEN $first_month_start::date AND $last_eom::date
  GROUP BY 1, 2, 3
),
leader_ok AS (
  SELECT l.unit_code, l.role, width_bucket(c.month_start - 1, $eoms::date[]) AS b_month, count(*) AS n
  FROM leader_month_counts c
  JOIN leaders l ON l.unit_code = c.unit_code AND l.name = c.leader_name
  WHERE c.n >= CASE l.role WHEN 'main' THEN $main_required::int ELSE $member_required::int END
  GROUP BY 1, 2, 3
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
-- Deduction `late` (owed_submissions): each submission a county-level unit owes, by the bucket of its due
-- date, when nothing of that kind and period was submitted on or before it
schedule_months AS (
  SELECT (($first_month_start::date + make_interval(months => g))::date) AS k
  FROM generate_series(0, ((extract(year FROM $last_month_start::date) - extract(year FROM $first_month_start::date)) * 12
                           + extract(month FROM $last_month_start::date) - extract(month FROM $first_month_start::date))::int) AS g
),
schedule AS (
  SELECT 'monthly_report' AS kind, to_char(k, 'YYYY-MM') AS period,
         least(k + 28, (k + interval '1 month')::date - 1) AS due
  FROM schedule_months
  UNION ALL
  SELECT 'dispatch_table', to_char(k, 'YYYY-MM'), (k + interval '1 month')::date
  FROM schedule_months WHERE k < $last_month_start::date
  -- a campaign without a one-off report (NULL) owes none
  UNION ALL SELECT 'stage_report', NULL, $stage_due::date WHERE $stage_due::date IS NOT NULL
  UNION ALL SELECT 'summary', NULL, $summary_due::date WHERE $summary_due::date IS NOT NULL
),
first_submissions AS (
  SELECT unit_code, kind, period::text AS period, min(submitted_on) AS first_on
  FROM submissions GROUP BY 1, 2, 3
),
late_owed AS (
  SELECT cu.code AS unit_code, width_bucket(s.due - 1, $eoms::date[]) AS b_due
  FROM county_units cu
  CROSS JOIN schedule s
  LEFT JOIN first_submissions x
    ON x.unit_code = cu.code AND x.kind = s.kind AND (s.period IS NULL OR x.period = s.period) AND x.first_on <= s.due
  WHERE s.due <= $last_eom::date
  GROUP BY cu.code, s.kind, s.period, s.due
  HAVING count(x.kind) = 0
),
late AS (
  SELECT m.i, o.unit_code, count(*) AS late
  FROM late_owed o JOIN months m ON o.b_due <= m.i
  GROUP BY m.i, o.unit_code
),
-- Deduction `missed_feedback`: (assigned hazard, Friday f) with assigned < f ≤ EOM, f before the close,
-- and no feedback dated f − 6 … f; by the bucket of f
fridays AS (
  SELECT a.unit_code, a.hazard_ledger_no, ff.first_friday + 7 * g AS friday, h.closed_on
  FROM assignments a
  JOIN hazards h ON h.ledger_no = a.hazard_ledger_no
  CROSS JOIN LATERAL (
    -- the first Friday after the assigned day (isodow: Monday 1 … Sunday 7)
    SELECT a.assigned_on + 1 + (12 - extract(isodow FROM a.assigned_on + 1)::int) % 7 AS first_friday
  ) ff
  CROSS JOIN LATERAL generate_series(0, greatest(-1, ($last_eom::date - ff.first_friday) / 7)) AS g
),
feedback_missed AS (
  SELECT m.i, x.unit_code, sum(x.n) AS missed_feedback
  FROM (
    SELECT fr.unit_code, width_bucket(fr.friday - 1, $eoms::date[]) AS b_friday, count(*) AS n
    FROM fridays fr
    WHERE fr.friday <= $last_eom::date
      AND (fr.closed_on IS NULL OR fr.friday < fr.closed_on)
      AND NOT EXISTS (
        SELECT 1 FROM feedback fb
        WHERE fb.hazard_ledger_no = fr.hazard_ledger_no AND fb.feedback_on BETWEEN fr.friday - 6 AND fr.friday
      )
    GROUP BY 1, 2
  ) x JOIN months m ON x.b_friday <= m.i
  GROUP BY m.i, x.unit_code
),
-- Deduction `missed_hazards` (该发现而未发现): a city `enforcement` hazard at an enterprise of a county-level
-- unit whose own inspection of it, dated d − $lookback_days … d − 1, was signed clean; by its found bucket
hazards_missed AS (
  SELECT m.i, x.unit_code, sum(x.n) AS missed_hazards
  FROM (
    SELECT u.code AS unit_code, width_bucket(h.found_on - 1, $eoms::date[]) AS b_found, count(*) AS n
    FROM hazards h
    JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
    JOIN units u ON u.code = e.unit_code AND u.parent_code = h.unit_code AND u.level IN ('county', 'zone')
    WHERE h.source = 'enforcement' AND h.found_on BETWEEN $from::date AND $last_eom::date
      AND EXISTS (
        SELECT 1 FROM current_inspections i
        WHERE i.unit_code = u.code AND i.enterprise_credit_code = h.enterprise_credit_code
          AND i.major_hazards_found = 0
          AND i.inspected_on BETWEEN h.found_on - $lookback_days::int AND h.found_on - 1
      )
    GROUP BY 1, 2
  ) x JOIN months m ON x.b_found <= m.i
  GROUP BY m.i, x.unit_code
)
SELECT m.i, cu.code AS unit_code, cu.name, cu.parent_code,
  mm.months,
  coalesce(hz.found, 0) AS found, coalesce(hz.rectified, 0) AS rectified, coalesce(hz.overdue, 0) AS overdue,
  coalesce(ent.scope, 0) AS scope, coalesce(ent.checked, 0) AS checked, coalesce(ent.flagged, 0) AS flagged,
  coalesce(hz.enforced, 0) AS enforced, coalesce(hz.penalised, 0) AS penalised,
  coalesce(hz.enforced_rectified, 0) AS enforced_rectified, coalesce(typical.cases, 0) AS cases,
  coalesce(r.main_leaders, 0) * mm.months AS main_pairs, coalesce(lo.main_ok_pairs, 0) AS main_ok_pairs,
  coalesce(r.member_leaders, 0) * mm.months AS member_pairs, coalesce(lo.member_ok_pairs, 0) AS member_ok_pairs,
  coalesce(late.late, 0) AS late, coalesce(fm.missed_feedback, 0) AS missed_feedback,
  coalesce(hm.missed_hazards, 0) AS missed_hazards
FROM county_units cu
CROSS JOIN months m
CROSS JOIN LATERAL (
  -- |months|: the assessed months from the first to the month of EOM
  SELECT ((extract(year FROM m.eom) - extract(year FROM $first_month_start::date)) * 12
          + extract(month FROM m.eom) - extract(month FROM $first_month_start::date) + 1)::int AS months
) mm
LEFT JOIN hz_counts hz ON hz.i = m.i AND hz.unit_code = cu.code
LEFT JOIN ent_counts ent ON ent.i = m.i AND ent.unit_code = cu.code
LEFT JOIN typical ON typical.i = m.i AND typical.unit_code = cu.code
LEFT JOIN roster r ON r.unit_code = cu.code
LEFT JOIN leader_ok_counts lo ON lo.i = m.i AND lo.unit_code = cu.code
LEFT JOIN late ON late.i = m.i AND late.unit_code = cu.code
LEFT JOIN feedback_missed fm ON fm.i = m.i AND fm.unit_code = cu.code
LEFT JOIN hazards_missed hm ON hm.i = m.i AND hm.unit_code = cu.code
