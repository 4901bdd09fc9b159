-- Upkeep after a refresh (analytics/src/prepare.ts): the units new-pairs.sql gave a unit_id.
INSERT INTO inspection_units
SELECT DISTINCT unit_id, unit_code FROM inspection_pairs
WHERE unit_code IN (SELECT unit_code FROM changed_pairs) AND unit_id NOT IN (SELECT unit_id FROM inspection_units);
