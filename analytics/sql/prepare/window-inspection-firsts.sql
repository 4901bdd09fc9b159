-- Derived after every load and refresh (analytics/src/prepare.ts): for each window start (every window
-- starts at a campaign's start_on, month-window.ts) and each (unit, enterprise) pair, the day of its first
-- current inspection on or after that start, of its first with any finding, and of its first with each of
-- the seven problems (the mask bits of inspection-marks.sql). A window ending on day e then needs no pass
-- over the inspections: the first in the window is this day when it is on or before e, and there is none
-- when it is after e (window-inspection-months.sql and window-scope-checks.sql read it so). After a refresh,
-- prepare/upkeep/window-inspection-firsts.sql makes the changed pairs' rows with this same select: change both.
CREATE OR REPLACE TABLE window_inspection_firsts AS
SELECT s.from_on, m.pair_id,
  min(m.inspected_on) AS first_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 1 <> 0) AS flagged_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 2 <> 0) AS b2_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 4 <> 0) AS b3_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 8 <> 0) AS b4_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 16 <> 0) AS b5_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 32 <> 0) AS b6_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 64 <> 0) AS b7_on,
  min(m.inspected_on) FILTER (WHERE m.mask & 128 <> 0) AS b8_on
FROM (SELECT DISTINCT start_on AS from_on FROM campaigns) s
JOIN inspection_marks m ON m.inspected_on >= s.from_on
GROUP BY s.from_on, m.pair_id;
