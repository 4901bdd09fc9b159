-- Upkeep after a refresh (analytics/src/prepare.ts): the rows of missed_hazard_candidates of every hazard
-- whose row changed, or whose enterprise changed (its unit), or at whose enterprise a pair's inspections or
-- findings changed (inspection_pairs and inspection_marks are kept up before), made again as
-- prepare/missed-hazard-candidates.sql makes them: a hazard's row reads only the hazard, its enterprise,
-- the units and that enterprise's pair and marks. A change of the units rebuilds the table whole.
CREATE OR REPLACE TEMP TABLE candidate_keys AS
SELECT ledger_no FROM changed_hazards
UNION SELECT h.ledger_no FROM hazards h
WHERE h.enterprise_credit_code IN (SELECT enterprise_credit_code FROM changed_pairs UNION SELECT credit_code FROM changed_enterprises);
DELETE FROM missed_hazard_candidates WHERE ledger_no IN (SELECT ledger_no FROM candidate_keys);
-- The candidates with their pair, made first as a table of their own: the joins below then start from a
-- few rows. In one statement the planner hashed the whole enterprises, pairs and inspection marks
-- (~10 M marks at nation scale: 0.7 s of CPU) for a few candidates.
CREATE OR REPLACE TEMP TABLE candidate_pairs AS
SELECT u.code AS unit_code, h.ledger_no, h.found_on, p.pair_id
FROM (SELECT * FROM hazards WHERE source = 'enforcement' AND ledger_no IN (SELECT ledger_no FROM candidate_keys)) h
JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
JOIN units u ON u.code = e.unit_code AND u.parent_code = h.unit_code AND u.level IN ('county', 'zone')
JOIN inspection_pairs p ON p.unit_code = u.code AND p.enterprise_credit_code = h.enterprise_credit_code;
INSERT INTO missed_hazard_candidates BY NAME
SELECT c.unit_code, c.ledger_no, c.found_on, max(i.inspected_on) AS last_clean_on
FROM candidate_pairs c
LEFT JOIN (
  SELECT pair_id, inspected_on FROM inspection_marks
  WHERE major_hazards_found = 0 AND pair_id IN (SELECT pair_id FROM candidate_pairs)
) i ON i.pair_id = c.pair_id AND i.inspected_on < c.found_on
GROUP BY c.unit_code, c.ledger_no, c.found_on;
DROP TABLE candidate_pairs;
DROP TABLE candidate_keys;
