-- 交办: the bundle's assignments to a unit of another level than county or zone ($1).
SELECT a.line, a.unit_code, u.level
FROM after_assignments a JOIN after_units u ON u.code = a.unit_code
WHERE a.line IS NOT NULL AND u.level IS NOT NULL AND NOT u.level = ANY($1::text[])
ORDER BY a.line
