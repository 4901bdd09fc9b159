-- Records of one file whose key an earlier record of the file already has (files without a key of their
-- own are keyed by all their columns; NULLs compare equal, as in the file). A record whose key could not
-- be read is not `first` and takes no part.
SELECT line, first_line
FROM (
  SELECT line, first_value(line) OVER (PARTITION BY {{key}} ORDER BY line) AS first_line
  FROM {{staging}}
  WHERE first
) k
WHERE line <> first_line
ORDER BY line
