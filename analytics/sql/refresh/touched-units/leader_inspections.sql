-- Units whose scores the leader_inspections rows in changed_rows enter: their own unit.
SELECT unit_code FROM changed_rows;
