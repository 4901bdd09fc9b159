-- Upkeep after a refresh (analytics/src/prepare.ts): enterprise_scope made again for the units whose rows
-- may have changed: the units of the changed enterprises, before and after, and of the changed pairs (a
-- unit's first inspection of its own enterprise gives that row its pair_id). As prepare/enterprise-scope.sql.
DELETE FROM enterprise_scope
WHERE unit_code IN (SELECT unit_code FROM changed_enterprises UNION SELECT unit_code FROM changed_pairs);
INSERT INTO enterprise_scope
SELECT e.unit_code, p.pair_id
FROM enterprises e
LEFT JOIN inspection_pairs p ON p.enterprise_credit_code = e.credit_code AND p.unit_code = e.unit_code
WHERE (e.industry <> 'other' OR e.risk_level IN ('larger', 'major'))
  AND e.unit_code IN (SELECT unit_code FROM changed_enterprises UNION SELECT unit_code FROM changed_pairs);
