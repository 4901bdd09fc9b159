-- Units whose scores the enterprises in changed_rows enter: their jurisdiction unit (I2's scope,
-- missed_hazards).
SELECT unit_code FROM changed_rows;
