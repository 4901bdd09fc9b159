-- Upkeep after a refresh (analytics/src/prepare.ts): the rows of missed_hazard_candidates of every hazard
-- whose row changed, or whose enterprise changed (its unit), or at whose enterprise a pair's inspections or
-- findings changed (inspection_pairs and inspection_marks are kept up before), made again as
-- prepare/missed-hazard-candidates.sql makes them: a hazard's row reads only the hazard, its enterprise,
-- the units and that enterprise's pair and marks. A change of the units rebuilds the table whole.
CREATE OR REPLACE TEMP TABLE candidate_hazards AS
SELECT ledger_no FROM changed_hazards
UNION SELECT h.ledger_no FROM hazards h
WHERE h.enterprise_credit_code IN (SELECT enterprise_credit_code FROM changed_pairs UNION SELECT credit_code FROM changed_enterprises);
DELETE FROM missed_hazard_candidates WHERE ledger_no IN (SELECT ledger_no FROM candidate_hazards);
INSERT INTO missed_hazard_candidates BY NAME
WITH candidates AS (
  SELECT u.code AS unit_code, h.ledger_no, h.found_on, p.pair_id
  FROM hazards h
  JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
  JOIN units u ON u.code = e.unit_code AND u.parent_code = h.unit_code AND u.level IN ('county', 'zone')
  JOIN inspection_pairs p ON p.unit_code = u.code AND p.enterprise_credit_code = h.enterprise_credit_code
  WHERE h.source = 'enforcement' AND h.ledger_no IN (SELECT ledger_no FROM candidate_hazards)
)
SELECT c.unit_code, c.ledger_no, c.found_on, max(i.inspected_on) AS last_clean_on
FROM candidates c
LEFT JOIN inspection_marks i ON i.pair_id = c.pair_id AND i.major_hazards_found = 0 AND i.inspected_on < c.found_on
GROUP BY c.unit_code, c.ledger_no, c.found_on;
DROP TABLE candidate_hazards;
