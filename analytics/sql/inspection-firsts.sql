-- The one pass over inspections ⋈ findings that the dispatch table (B1 … B8) and I2 (checked, flagged)
-- share, kept as the temp table inspection_firsts of the recompute's transaction (analytics/src/figures.ts):
-- for each (unit, enterprise) that the unit inspected in the window $from … $last_eom, the day of its first
-- current inspection (current_inspections, schema.sql), of its first with any finding, and of its first
-- with each of the seven problems in the attachment's order. Every window starts at $from, so "inspected in
-- month i's window" is "first_on on or before month i's end", and so on for each problem.
SELECT i.unit_code, i.enterprise_credit_code,
  min(i.inspected_on) AS first_on,
  min(i.inspected_on) FILTER (WHERE f.finding IS NOT NULL) AS flagged_on,
  min(i.inspected_on) FILTER (WHERE f.finding = 'no_leader_study') AS b2_on,
  min(i.inspected_on) FILTER (WHERE f.finding = 'no_leader_inspection') AS b3_on,
  min(i.inspected_on) FILTER (WHERE f.finding = 'no_duty_list') AS b4_on,
  min(i.inspected_on) FILTER (WHERE f.finding = 'no_safety_staff') AS b5_on,
  min(i.inspected_on) FILTER (WHERE f.finding = 'uncertified_special_work') AS b6_on,
  min(i.inspected_on) FILTER (WHERE f.finding = 'outsourcing_chaos') AS b7_on,
  min(i.inspected_on) FILTER (WHERE f.finding = 'no_drill') AS b8_on
FROM current_inspections i
LEFT JOIN findings f ON f.inspection_id = i.inspection_id
WHERE i.inspected_on BETWEEN $from AND $last_eom
GROUP BY i.unit_code, i.enterprise_credit_code;
