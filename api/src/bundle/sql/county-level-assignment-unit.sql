-- The other side of 交办: a unit the bundle brings or corrects to a level other than county or zone ($1)
-- while an assignment the bundle does not bring names it in the ledger.
SELECT u.line, u.code, a.hazard_ledger_no
FROM after_units u JOIN after_assignments a ON a.unit_code = u.code
WHERE u.line IS NOT NULL AND a.line IS NULL AND u.level IS NOT NULL AND NOT u.level = ANY($1::text[])
ORDER BY u.line, a.hazard_ledger_no
