-- The one pass over the inspections that the dispatch table (B1 … B8) and I2 (checked, flagged) share,
-- kept as the temp table inspection_firsts of the recompute's transaction (analytics/src/figures.ts): for
-- each (unit, enterprise) pair that the unit inspected in the window $from … $last_eom, the day of its
-- first current inspection, of its first with any finding, and of its first with each of the seven problems
-- in the attachment's order. Every window starts at $from, so "inspected in month i's window" is
-- "first_on on or before month i's end", and so on for each problem.
-- Reads inspection_marks (prepare/inspection-marks.sql: current inspections, findings folded into a mask,
-- integer pair keys): a GROUP BY on one INTEGER, no join with the findings.
SELECT f.pair_id, p.unit_id, p.ent_id, f.first_on, f.flagged_on, f.b2_on, f.b3_on, f.b4_on, f.b5_on, f.b6_on, f.b7_on, f.b8_on
FROM (
  SELECT pair_id,
    min(inspected_on) AS first_on,
    min(inspected_on) FILTER (WHERE mask & 1 <> 0) AS flagged_on,
    min(inspected_on) FILTER (WHERE mask & 2 <> 0) AS b2_on,
    min(inspected_on) FILTER (WHERE mask & 4 <> 0) AS b3_on,
    min(inspected_on) FILTER (WHERE mask & 8 <> 0) AS b4_on,
    min(inspected_on) FILTER (WHERE mask & 16 <> 0) AS b5_on,
    min(inspected_on) FILTER (WHERE mask & 32 <> 0) AS b6_on,
    min(inspected_on) FILTER (WHERE mask & 64 <> 0) AS b7_on,
    min(inspected_on) FILTER (WHERE mask & 128 <> 0) AS b8_on
  FROM inspection_marks
  WHERE inspected_on BETWEEN $from AND $last_eom
  GROUP BY pair_id
) f
JOIN inspection_pairs p ON p.pair_id = f.pair_id;
