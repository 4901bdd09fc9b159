-- Upkeep after a refresh (analytics/src/prepare.ts): the ids of the changed pairs, for the tables keyed by them.
CREATE OR REPLACE TEMP TABLE changed_pair_ids AS
SELECT DISTINCT p.pair_id, p.unit_code, p.enterprise_credit_code
FROM inspection_pairs p
SEMI JOIN changed_pairs c ON c.unit_code = p.unit_code AND c.enterprise_credit_code = p.enterprise_credit_code;
