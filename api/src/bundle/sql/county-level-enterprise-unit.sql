-- The other side of 属地: a unit the bundle brings or corrects to a level other than county or zone ($1)
-- while an enterprise the bundle does not bring has it as its jurisdiction in the ledger.
SELECT u.line, u.code, e.credit_code
FROM after_units u JOIN after_enterprises e ON e.unit_code = u.code
WHERE u.line IS NOT NULL AND e.line IS NULL AND u.level IS NOT NULL AND NOT u.level = ANY($1::text[])
ORDER BY u.line, e.credit_code
