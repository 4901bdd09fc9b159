-- Deduction `late`: every submission a county-level unit owes with a due date on or before p_eom
-- (domain.md section 4), whether some submission of that kind and period was dated on or before the
-- due date (on_time), and the first one dated on or before p_eom (to show what came late).
--   monthly_report of month k (every assessed month): due day min(29, last day of k)
--   dispatch_table of month k (every assessed month but the last): due the 1st of k + 1
--   stage_report, summary: one each, due p_stage_due and p_summary_due; their period is not compared
CREATE MACRO owed_submissions(p_first_month_start, p_last_month_start, p_eom, p_stage_due, p_summary_due) AS TABLE
WITH months AS (
  SELECT m::DATE AS k
  FROM generate_series(p_first_month_start::TIMESTAMP, p_last_month_start::TIMESTAMP, INTERVAL 1 MONTH) t(m)
),
schedule AS (
  SELECT 'monthly_report' AS kind, strftime(k, '%Y-%m') AS period, least(k + 28, last_day(k)) AS due FROM months
  UNION ALL
  SELECT 'dispatch_table', strftime(k, '%Y-%m'), last_day(k) + 1 FROM months WHERE k < p_last_month_start
  -- a campaign without a one-off report (NULL) owes none
  UNION ALL SELECT 'stage_report', NULL, p_stage_due::DATE WHERE p_stage_due IS NOT NULL
  UNION ALL SELECT 'summary', NULL, p_summary_due::DATE WHERE p_summary_due IS NOT NULL
),
owed AS (
  SELECT u.code AS unit_code, s.kind, s.period, s.due
  FROM units u CROSS JOIN schedule s
  WHERE u.level IN ('county', 'zone') AND s.due <= p_eom
)
SELECT o.*,
  EXISTS (
    SELECT 1 FROM submissions x
    WHERE x.unit_code = o.unit_code AND x.kind = o.kind AND (o.period IS NULL OR x.period = o.period)
      AND x.submitted_on <= o.due
  ) AS on_time,
  (SELECT min(x.submitted_on) FROM submissions x
   WHERE x.unit_code = o.unit_code AND x.kind = o.kind AND (o.period IS NULL OR x.period = o.period)
     AND x.submitted_on <= p_eom) AS submitted_on
FROM owed o;
