-- The bundle's units that are their own parent, or whose chain of parents (the ledger as it would be
-- after the import) leads back to them.
WITH RECURSIVE walk (start, code, seen, back) AS (
  SELECT u.code, p.code, ARRAY[u.code, p.code], p.code = u.code
  FROM after_units u JOIN after_units p ON p.code = u.parent_code
  WHERE u.line IS NOT NULL AND u.parent_code <> u.code
  UNION ALL
  SELECT w.start, p.code, w.seen || p.code, p.code = w.start
  FROM walk w JOIN after_units u ON u.code = w.code JOIN after_units p ON p.code = u.parent_code
  WHERE NOT w.back AND NOT p.code = ANY(w.seen[2:])
)
SELECT u.line, u.code, u.parent_code = u.code AS own_parent
FROM after_units u
WHERE u.line IS NOT NULL AND u.parent_code IS NOT NULL
  AND (u.parent_code = u.code OR EXISTS (SELECT 1 FROM walk w WHERE w.start = u.code AND w.back))
ORDER BY u.line
