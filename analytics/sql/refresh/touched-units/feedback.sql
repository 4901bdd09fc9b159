-- Units whose scores the feedback in changed_rows enters: the units its hazard was assigned to
-- (missed_feedback).
SELECT a.unit_code FROM changed_rows c JOIN assignments a ON a.hazard_ledger_no = c.hazard_ledger_no;
