-- Derived after every load and refresh (analytics/src/prepare.ts): for each window start (every window
-- starts at a campaign's start_on, month-window.ts), each reporter (a unit's code, and 'ALL' for the whole
-- ledger: the dispatch's city-wide row) and each calendar month, how many hazards found on or after that
-- start have the day that makes them count in that month, per figure:
--   found (A1 A3 A5 A7 by source, found, enforced)      the found day
--   rectified (A2 A4 A6 A8, rectified, enforced_rectified)   greatest(found, rectified_on)
--   listed (A9), listed and rectified (A10)           greatest(found, listed_on[, rectified_on])
--   overdue                                           greatest(found, deadline), when not rectified by it
--   penalised (enforced only)                         greatest(found, first `penalty` on or after the start)
-- Month ends are what a recompute counts up to, so every day of a calendar month falls in the same month
-- bucket (macros.sql, month_bucket of the month's first day): the recompute bucketises these rows instead
-- of 2.4 M hazards at nation scale. A day after a window's last month end falls in no bucket, so the upper
-- bound of the window ($last_eom) needs no place here, nor does the first penalty's: the first penalty on
-- or after the start is the window's first when that one exists, and lies past the window otherwise.
-- The select is shared/window-hazard-months.sql's, which the upkeep twin (upkeep/window-hazard-months.sql)
-- runs for the changed reporters' hazards alone.
CREATE OR REPLACE TABLE window_hazard_months AS
FROM window_hazard_months_of('hazards', 'actions', true);
