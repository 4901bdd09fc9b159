-- Deduction `late` of $unit: each submission owed by $eom with none dated on or before its due date;
-- submittedOn is the first one dated on or before $eom (null: not submitted as of $eom).
SELECT kind, period, due, submitted_on AS "submittedOn"
FROM owed_submissions($first_month_start, $last_month_start, $eom, $stage_due, $summary_due)
WHERE unit_code = $unit AND NOT on_time
ORDER BY due, kind, period;
