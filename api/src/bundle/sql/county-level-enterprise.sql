-- 属地: the bundle's enterprises whose jurisdiction (as it would be after the import) is a unit of
-- another level than county or zone ($1). A level that could not be read was reported already.
SELECT e.line, e.unit_code, u.level
FROM after_enterprises e JOIN after_units u ON u.code = e.unit_code
WHERE e.line IS NOT NULL AND u.level IS NOT NULL AND NOT u.level = ANY($1::text[])
ORDER BY e.line
