-- The hazards the feedback in changed_rows is for (their assigned unit's rows of missed_feedback_months).
INSERT INTO changed_feedback_hazards SELECT hazard_ledger_no FROM changed_rows;
