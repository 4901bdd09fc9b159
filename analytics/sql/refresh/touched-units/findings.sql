-- Units whose scores the findings in changed_rows enter: the unit of their inspection (flagged).
SELECT i.unit_code FROM changed_rows c JOIN inspections i ON i.inspection_id = c.inspection_id;
