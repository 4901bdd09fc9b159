-- Upkeep after a refresh (analytics/src/prepare.ts): the pairs of changed_pairs that inspections now hold
-- and inspection_pairs lacks, with ids after the largest. A unit or an enterprise already known keeps its
-- unit_id or ent_id (ent_id is the same for every unit that inspected it: the city-wide distinct counts).
-- A pair whose inspections are all gone keeps its row: with no marks and no firsts it counts nothing, as
-- no pair would.
INSERT INTO inspection_pairs
WITH fresh AS (
  SELECT DISTINCT i.unit_code, i.enterprise_credit_code
  FROM inspections i
  SEMI JOIN changed_pairs c ON c.unit_code = i.unit_code AND c.enterprise_credit_code = i.enterprise_credit_code
  ANTI JOIN inspection_pairs p ON p.unit_code = i.unit_code AND p.enterprise_credit_code = i.enterprise_credit_code
),
known_ents AS (
  SELECT DISTINCT enterprise_credit_code, ent_id FROM inspection_pairs
  WHERE enterprise_credit_code IN (SELECT enterprise_credit_code FROM fresh)
),
new_units AS (
  SELECT unit_code, (SELECT coalesce(max(unit_id), 0) FROM inspection_units) + dense_rank() OVER (ORDER BY unit_code) AS unit_id
  FROM (SELECT DISTINCT unit_code FROM fresh) f
  WHERE unit_code NOT IN (SELECT unit_code FROM inspection_units)
),
new_ents AS (
  SELECT enterprise_credit_code, (SELECT coalesce(max(ent_id), 0) FROM inspection_pairs) + dense_rank() OVER (ORDER BY enterprise_credit_code) AS ent_id
  FROM (SELECT DISTINCT enterprise_credit_code FROM fresh) f
  WHERE enterprise_credit_code NOT IN (SELECT enterprise_credit_code FROM known_ents)
)
SELECT ((SELECT coalesce(max(pair_id), 0) FROM inspection_pairs) + row_number() OVER (ORDER BY f.unit_code, f.enterprise_credit_code))::INTEGER AS pair_id,
  f.unit_code, f.enterprise_credit_code,
  coalesce(u.unit_id, nu.unit_id)::INTEGER AS unit_id, coalesce(e.ent_id, ne.ent_id)::INTEGER AS ent_id
FROM fresh f
LEFT JOIN inspection_units u ON u.unit_code = f.unit_code
LEFT JOIN new_units nu ON nu.unit_code = f.unit_code
LEFT JOIN known_ents e ON e.enterprise_credit_code = f.enterprise_credit_code
LEFT JOIN new_ents ne ON ne.enterprise_credit_code = f.enterprise_credit_code;
