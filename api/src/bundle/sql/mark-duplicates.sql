-- A duplicate does not stand for its key: the first record does (the duplicates were reported).
UPDATE {{staging}} s SET first = false
FROM (
  SELECT line, first_value(line) OVER (PARTITION BY {{key}} ORDER BY line) AS first_line
  FROM {{staging}}
  WHERE first
) k
WHERE k.line = s.line AND k.line <> k.first_line
