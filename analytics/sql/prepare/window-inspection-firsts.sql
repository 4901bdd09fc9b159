-- Derived after every load and refresh (analytics/src/prepare.ts): for each window start (every window
-- starts at a campaign's start_on, month-window.ts) and each (unit, enterprise) pair, the day of its first
-- current inspection on or after that start, of its first with any finding, and of its first with each of
-- the seven problems (the mask bits of inspection-marks.sql). A window ending on day e then needs no pass
-- over the inspections: the first in the window is this day when it is on or before e, and there is none
-- when it is after e (window-inspection-months.sql and window-scope-checks.sql read it so). The select is
-- shared/window-inspection-firsts.sql's, which the upkeep twin (upkeep/window-inspection-firsts.sql) runs
-- for the changed pairs' marks alone.
CREATE OR REPLACE TABLE window_inspection_firsts AS
FROM window_inspection_firsts_of('inspection_marks');
