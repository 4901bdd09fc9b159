-- A reference to a unit, enterprise, hazard or inspection that neither the bundle nor the ledger holds.
SELECT s.line, s."{{column}}" AS value
FROM {{staging}} s
WHERE s."{{column}}" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {{target_staging}} b WHERE b.first AND b."{{target_key}}" = s."{{column}}")
  AND NOT EXISTS (SELECT 1 FROM {{target}} d WHERE d."{{target_key}}" = s."{{column}}")
ORDER BY s.line
