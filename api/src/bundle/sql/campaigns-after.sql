-- Every campaign as it would be after the import (a few rows): the shared campaign rules run on them in JS.
SELECT line, invalid, code, name, start_on::text, end_on::text, first_month, last_month, stage_report_due::text, summary_due::text
FROM after_campaigns
ORDER BY line NULLS LAST, code
