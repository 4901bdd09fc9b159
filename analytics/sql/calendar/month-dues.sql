-- 月度日历: every due date of the month $month_start … $eom for every county-level unit (domain.md
-- section 4) and its state as of the CST day $as_of:
--   met      the duty was done on or before its due date
--   open     not done yet, and the due date is today or later
--   overdue  not done by its due date (done late, or not at all)
-- Submissions (monthly_report, dispatch_table, stage_report, summary) come from owed_submissions;
-- each Friday of the month is one due date a unit, met when every hazard assigned to the unit and open
-- that Friday had a feedback in the six days before or on it (missed_feedback), with the counts.
-- The schedules are read up to the later of $eom and $as_of, so a due date after today is listed too.
WITH subs AS (
  SELECT unit_code, kind, period, due, on_time AS met, submitted_on AS done_on, NULL::INTEGER AS owed, NULL::INTEGER AS missing
  FROM owed_submissions($first_month_start, $last_month_start, greatest($eom, $as_of), $stage_due, $summary_due)
  WHERE due BETWEEN $month_start AND $eom
),
fridays AS (
  SELECT f::DATE AS friday
  FROM generate_series(friday_on_or_after($month_start)::TIMESTAMP, $eom::TIMESTAMP, INTERVAL 7 DAY) t(f)
  WHERE f::DATE >= $from
),
assigned AS (
  SELECT a.unit_code, fr.friday, count(DISTINCT a.hazard_ledger_no)::INTEGER AS owed
  FROM fridays fr
  JOIN assignments a ON a.assigned_on < fr.friday
  JOIN hazards h ON h.ledger_no = a.hazard_ledger_no AND (h.closed_on IS NULL OR fr.friday < h.closed_on)
  GROUP BY ALL
),
missed AS (
  SELECT unit_code, friday, count(DISTINCT hazard_ledger_no)::INTEGER AS missing
  FROM missed_feedback(greatest($eom, $as_of))
  WHERE friday BETWEEN $month_start AND $eom
  GROUP BY ALL
),
feedback AS (
  SELECT u.code AS unit_code, 'feedback' AS kind, NULL::VARCHAR AS period, fr.friday AS due,
         coalesce(m.missing, 0) = 0 AS met, NULL::DATE AS done_on,
         coalesce(a.owed, 0) AS owed, coalesce(m.missing, 0) AS missing
  FROM units u
  CROSS JOIN fridays fr
  LEFT JOIN assigned a ON a.unit_code = u.code AND a.friday = fr.friday
  LEFT JOIN missed m ON m.unit_code = u.code AND m.friday = fr.friday
  WHERE u.level IN ('county', 'zone')
)
SELECT unit_code AS unit, kind, period, due,
       CASE WHEN met THEN 'met' WHEN due >= $as_of THEN 'open' ELSE 'overdue' END AS state,
       done_on AS "doneOn", owed, missing
FROM (SELECT * FROM subs UNION ALL SELECT * FROM feedback)
ORDER BY due, kind, unit;
