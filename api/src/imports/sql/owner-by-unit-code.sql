-- A record owned through its own unit_code, and, for a record already in the ledger, through its stored
-- unit too (a county cannot move another unit's record into its own jurisdiction by correcting it).
-- Only the records some owner of which is another unit than $1 come back, owners in that order.
SELECT line, owners
FROM (
  SELECT s.line, ARRAY[s.unit_code, {{stored}}] AS owners FROM {{staging}} s
) o
WHERE EXISTS (SELECT 1 FROM unnest(owners) u WHERE u <> $1)
ORDER BY line
