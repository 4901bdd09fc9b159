-- The one pass over the inspections that the dispatch table (B1 … B8) and I2 (checked, flagged) share,
-- kept as the temp table inspection_firsts of the recompute's transaction (analytics/src/figures.ts): for
-- each (unit, enterprise) pair that the unit inspected in the window $from … $last_eom, the day of its
-- first current inspection, of its first with any finding, and of its first with each of the seven problems
-- in the attachment's order. Every window starts at $from, so "inspected in month i's window" is
-- "first_on on or before month i's end", and so on for each problem.
-- The firsts on or after $from, a campaign's start, are kept after every load
-- (prepare/window-inspection-firsts.sql): the first in the window is that day when it is on or before
-- $last_eom, and there is none otherwise. Keys are integers (prepare/inspection-pairs.sql).
SELECT f.pair_id, p.unit_id, p.ent_id, f.first_on,
  CASE WHEN f.flagged_on <= $last_eom THEN f.flagged_on END AS flagged_on,
  CASE WHEN f.b2_on <= $last_eom THEN f.b2_on END AS b2_on,
  CASE WHEN f.b3_on <= $last_eom THEN f.b3_on END AS b3_on,
  CASE WHEN f.b4_on <= $last_eom THEN f.b4_on END AS b4_on,
  CASE WHEN f.b5_on <= $last_eom THEN f.b5_on END AS b5_on,
  CASE WHEN f.b6_on <= $last_eom THEN f.b6_on END AS b6_on,
  CASE WHEN f.b7_on <= $last_eom THEN f.b7_on END AS b7_on,
  CASE WHEN f.b8_on <= $last_eom THEN f.b8_on END AS b8_on
FROM window_inspection_firsts f
JOIN inspection_pairs p ON p.pair_id = f.pair_id
WHERE f.from_on = $from AND f.first_on <= $last_eom;
