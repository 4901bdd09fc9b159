-- Units whose scores the assignments rows in changed_rows enter: their own unit.
SELECT unit_code FROM changed_rows;
