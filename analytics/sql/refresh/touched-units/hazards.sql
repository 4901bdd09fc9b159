-- Units whose scores the hazards in changed_rows enter (analytics/src/ledger-refresh.ts): the hazard's unit
-- (I1, I3), the unit of its enterprise (missed_hazards, when the hazard is its parent's), the units it was
-- assigned to (missed_feedback reads its closed day).
SELECT unit_code FROM changed_rows
UNION SELECT e.unit_code FROM changed_rows c JOIN enterprises e ON e.credit_code = c.enterprise_credit_code
UNION SELECT a.unit_code FROM changed_rows c JOIN assignments a ON a.hazard_ledger_no = c.ledger_no;
