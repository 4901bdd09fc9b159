-- Derived after every load and refresh (analytics/src/prepare.ts): the enterprises in I2's scope
-- (排查范围: industry not `other`, or risk level `larger` or `major`; enterprise-checks.sql) with their
-- jurisdiction unit and the pair_id of (that unit, the enterprise) when the unit ever inspected it, so that
-- the recompute finds "checked by its own unit" by an INTEGER join (scoring/unit-counts.sql).
CREATE OR REPLACE TABLE enterprise_scope AS
SELECT e.unit_code, p.pair_id
FROM enterprises e
LEFT JOIN inspection_pairs p ON p.enterprise_credit_code = e.credit_code AND p.unit_code = e.unit_code
WHERE e.industry <> 'other' OR e.risk_level IN ('larger', 'major');
