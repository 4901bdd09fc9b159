-- The enterprises in changed_rows with their unit (their row of enterprise_scope).
INSERT INTO changed_enterprises SELECT credit_code, unit_code FROM changed_rows;
