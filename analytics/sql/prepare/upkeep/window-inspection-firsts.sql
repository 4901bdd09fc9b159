-- Upkeep after a refresh (analytics/src/prepare.ts): the changed pairs' rows of window_inspection_firsts
-- made again, as prepare/window-inspection-firsts.sql makes them.
DELETE FROM window_inspection_firsts WHERE pair_id IN (SELECT pair_id FROM changed_pair_ids);
INSERT INTO window_inspection_firsts
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
WHERE m.pair_id IN (SELECT pair_id FROM changed_pair_ids)
GROUP BY s.from_on, m.pair_id;
