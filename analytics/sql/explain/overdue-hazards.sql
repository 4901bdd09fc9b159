-- I1's `overdue` of unit $unit as of $eom: its hazards found in the window with a deadline on or
-- before $eom and not rectified on or before that deadline.
SELECT ledger_no AS "ledgerNo", deadline, rectified_on AS "rectifiedOn", tracker, responsible_person AS "responsiblePerson"
FROM hazard_outcomes($from, $eom)
WHERE unit_code = $unit AND overdue
ORDER BY deadline, ledger_no;
