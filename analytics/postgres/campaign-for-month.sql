-- The campaign that assesses month $month ('YYYY-MM'), as analytics/sql/campaign-for-month.sql: the
-- window start (campaign start), the first assessed month's first day and the month's last day, and the
-- campaign's one-off deadlines (NULL: not owed).
-- Dates leave as 'YYYY-MM-DD' text: no time zone of the client or the session can shift them.
SELECT code, start_on::text AS start_on, first_month::text AS first_month, last_month::text AS last_month,
       stage_report_due::text AS stage_report_due, summary_due::text AS summary_due,
       to_date(first_month || '-01', 'YYYY-MM-DD')::text AS first_month_start,
       ((to_date($month::text || '-01', 'YYYY-MM-DD') + interval '1 month')::date - 1)::text AS eom
FROM campaigns
WHERE $month::text BETWEEN first_month::text AND last_month::text
ORDER BY code COLLATE "C"
LIMIT 1;
