-- Derived after every load and refresh (analytics/src/prepare.ts): each current inspection
-- (current_inspections, schema.sql) with its findings folded into one mask, so that the recompute reads
-- no findings and joins nothing: bit 1 any finding row (a non-NULL finding), then one bit per problem in
-- the attachment's order (macros.sql, finding_bit). Keyed by its (unit, enterprise) pair (inspection-pairs.sql).
CREATE OR REPLACE TABLE inspection_marks AS
SELECT p.pair_id, i.inspected_on, i.major_hazards_found, coalesce(f.mask, 0)::INTEGER AS mask
FROM current_inspections i
JOIN inspection_pairs p ON p.unit_code = i.unit_code AND p.enterprise_credit_code = i.enterprise_credit_code
LEFT JOIN (
  SELECT inspection_id, bit_or(finding_bit(finding)) AS mask FROM findings GROUP BY inspection_id
) f ON f.inspection_id = i.inspection_id;
-- Not sorted by pair_id: at nation scale the sort of 11 M rows cost 0.5–0.8 s of the rebuild's CPU, and
-- window-inspection-firsts.sql's GROUP BY was no faster for it; missed-hazards' hash join (unit-counts)
-- differed within the noise (1.86–2.06 s CPU sorted, 1.93–2.11 s unsorted, load 9–12).
