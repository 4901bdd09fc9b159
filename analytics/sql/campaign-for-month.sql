-- The campaign that assesses month $month ('YYYY-MM'), with the dates every other query is given:
-- the window start (campaign start), the first assessed month's first day and the month's last day,
-- and the campaign's one-off deadlines (NULL: not owed).
SELECT code, start_on, first_month, last_month, stage_report_due, summary_due,
       strptime(first_month || '-01', '%Y-%m-%d')::DATE AS first_month_start,
       last_day(strptime($month || '-01', '%Y-%m-%d')::DATE) AS eom
FROM campaigns
WHERE $month BETWEEN first_month AND last_month
ORDER BY code
LIMIT 1;
