-- Derived after every load and refresh (analytics/src/prepare.ts): the candidates of the deduction
-- `missed_hazards` (scoring/missed-hazards.sql): each `enforcement` hazard reported by the parent unit of a
-- county-level unit u at an enterprise of u's jurisdiction that u has inspected, with the day of u's last
-- current inspection of it signed clean (major_hazards_found = 0) before the found day (NULL: none). "Some
-- such inspection dated found − lookback … found − 1" is then "last_clean_on ≥ found − lookback", so the
-- scheme's lookback stays a parameter of the recompute, which reads these few rows and no inspection.
CREATE OR REPLACE TABLE missed_hazard_candidates AS
WITH candidates AS (
  SELECT u.code AS unit_code, h.ledger_no, h.found_on, p.pair_id
  FROM hazards h
  JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
  JOIN units u ON u.code = e.unit_code AND u.parent_code = h.unit_code AND u.level IN ('county', 'zone')
  JOIN inspection_pairs p ON p.unit_code = u.code AND p.enterprise_credit_code = h.enterprise_credit_code
  WHERE h.source = 'enforcement'
)
SELECT c.unit_code, c.ledger_no, c.found_on, max(i.inspected_on) AS last_clean_on
FROM candidates c
LEFT JOIN inspection_marks i ON i.pair_id = c.pair_id AND i.major_hazards_found = 0 AND i.inspected_on < c.found_on
GROUP BY c.unit_code, c.ledger_no, c.found_on;
