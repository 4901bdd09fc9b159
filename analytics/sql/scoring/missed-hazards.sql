-- Deduction `missed_hazards` (该发现而未发现): each hazard with source `enforcement`, reported by the
-- parent unit (the city) of a county-level unit u, found in the window on day d at an enterprise in u's
-- jurisdiction, paired with every inspection of that enterprise by u signed clean
-- (major_hazards_found = 0) and dated d − p_lookback_days … d − 1, even before the campaign started.
-- One row per (hazard, inspection): a hazard counts once however many inspections it has.
CREATE MACRO missed_hazard_inspections(p_from, p_eom, p_lookback_days) AS TABLE
SELECT u.code AS unit_code, h.ledger_no, h.found_on, h.enterprise_credit_code,
  i.inspection_id, i.inspected_on, i.signed_by
FROM hazards h
JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
JOIN units u ON u.code = e.unit_code AND u.parent_code = h.unit_code AND u.level IN ('county', 'zone')
JOIN current_inspections i ON i.unit_code = u.code AND i.enterprise_credit_code = h.enterprise_credit_code
  AND i.major_hazards_found = 0
  AND i.inspected_on BETWEEN h.found_on - p_lookback_days::INTEGER AND h.found_on - 1
WHERE h.source = 'enforcement' AND h.found_on BETWEEN p_from AND p_eom;
