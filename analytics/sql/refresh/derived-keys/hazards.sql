-- The hazards in changed_rows with their reporting unit (their rows of window_hazard_months,
-- missed_hazard_candidates, and through their assignments missed_feedback_months).
INSERT INTO changed_hazards SELECT ledger_no, unit_code FROM changed_rows;
