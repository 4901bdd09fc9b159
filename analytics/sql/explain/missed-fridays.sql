-- Deduction `missed_feedback` of $unit: each (assigned hazard, Friday) without a feedback in the
-- six days before the Friday or on it.
SELECT hazard_ledger_no AS hazard, friday
FROM missed_feedback($eom)
WHERE unit_code = $unit
ORDER BY friday, hazard_ledger_no;
