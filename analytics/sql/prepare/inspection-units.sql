-- Derived after every load and refresh (analytics/src/prepare.ts): the unit_id of inspection-pairs.sql back
-- to its code, for the few rows a recompute gives per unit.
CREATE OR REPLACE TABLE inspection_units AS
SELECT DISTINCT unit_id, unit_code FROM inspection_pairs;
