-- The assignments in changed_rows with their unit (its rows of missed_feedback_months).
INSERT INTO changed_assignments SELECT hazard_ledger_no, unit_code FROM changed_rows;
