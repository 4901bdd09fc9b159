-- The references a foreign key of the ledger checks as rows are written: one column naming another
-- table's column, checked at once (not deferred to the commit), and validated.
SELECT c.conrelid::regclass::text AS "table", a.attname AS "column", c.confrelid::regclass::text AS target, fa.attname AS target_key
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
WHERE c.contype = 'f' AND NOT c.condeferrable AND c.convalidated AND cardinality(c.conkey) = 1
ORDER BY 1, 2
