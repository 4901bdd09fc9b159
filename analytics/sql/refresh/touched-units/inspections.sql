-- Units whose scores the inspections in changed_rows enter: the inspecting unit (its (unit, enterprise)
-- pairs: checked, flagged, missed_hazards), and the unit of an inspection a correction replaces.
SELECT unit_code FROM changed_rows
UNION SELECT i.unit_code FROM changed_rows c JOIN inspections i ON i.inspection_id = c.corrects_inspection_id;
