-- 该发现而未发现 as of $eom (domain.md section 7): each missed hazard of section 6's deduction, under
-- the county-level unit that missed it, with every clean-signed inspection that makes it missed.
SELECT ledger_no AS hazard, unit_code AS unit, found_on AS "foundOn",
  list({'id': inspection_id, 'inspectedOn': inspected_on, 'signers': signed_by}
       ORDER BY inspected_on, inspection_id) AS inspections
FROM missed_hazard_inspections($from, $eom, $lookback_days)
GROUP BY ledger_no, unit_code, found_on
ORDER BY unit_code, found_on, ledger_no;
