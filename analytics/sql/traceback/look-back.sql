-- 回头看 as of $eom: each hazard closed (办结销号) on or before $eom, paired with each hazard found
-- later (after the close-out, on or before $eom) at the same enterprise in exactly the same category.
-- A hazard without a category is never paired: there is nothing to compare. The enterprise's name
-- comes along because people read names, not credit codes.
SELECT c.ledger_no AS hazard, c.unit_code AS unit, c.enterprise_credit_code AS enterprise,
  e.name AS "enterpriseName", c.category, c.closed_on AS "closedOn",
  {'hazard': r.ledger_no, 'unit': r.unit_code, 'foundOn': r.found_on} AS refound
FROM hazards c
JOIN enterprises e ON e.credit_code = c.enterprise_credit_code
JOIN hazards r ON r.enterprise_credit_code = c.enterprise_credit_code AND r.category = c.category
  AND r.found_on > c.closed_on AND r.found_on <= $eom
WHERE c.closed_on <= $eom
ORDER BY c.enterprise_credit_code, c.closed_on, c.ledger_no, r.found_on, r.ledger_no;
