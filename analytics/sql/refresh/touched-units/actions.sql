-- Units whose scores the actions in changed_rows enter: the acting unit (cases), and the unit of the
-- hazard a penalty names (I3 penalised counts a hazard's first penalty by any unit).
SELECT unit_code FROM changed_rows
UNION SELECT h.unit_code FROM changed_rows c JOIN hazards h ON h.ledger_no = c.hazard_ledger_no;
