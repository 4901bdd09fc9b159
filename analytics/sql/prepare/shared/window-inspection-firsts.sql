-- The select of window_inspection_firsts (prepare/window-inspection-firsts.sql), shared with its upkeep
-- twin (prepare/upkeep/window-inspection-firsts.sql): the rows of the pairs whose marks are in table
-- p_marks (query_table: a table named by its string). The full build passes inspection_marks; the twin a
-- temp table of the changed pairs' marks, so that it reads no other pair's.
CREATE MACRO window_inspection_firsts_of(p_marks) AS TABLE
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
JOIN query_table(p_marks) m ON m.inspected_on >= s.from_on
GROUP BY s.from_on, m.pair_id;
