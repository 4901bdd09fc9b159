-- Derived after every load and refresh (analytics/src/prepare.ts): one row per (unit, enterprise) that
-- the unit ever inspected, with INTEGER keys for the pair (pair_id), the unit (unit_id) and the enterprise
-- (ent_id, the same for every unit that inspected it). The recompute groups and joins on these integers
-- instead of the VARCHAR codes (the hash join and the GROUP BY on the codes were most of its inspection pass).
CREATE OR REPLACE TABLE inspection_pairs AS
SELECT (row_number() OVER ())::INTEGER AS pair_id, unit_code, enterprise_credit_code,
  (dense_rank() OVER (ORDER BY unit_code))::INTEGER AS unit_id,
  (dense_rank() OVER (ORDER BY enterprise_credit_code))::INTEGER AS ent_id
FROM (SELECT DISTINCT unit_code, enterprise_credit_code FROM inspections);
