-- I2: the in-scope enterprises in $unit's jurisdiction that $unit did not inspect in the window.
SELECT credit_code AS "creditCode", name
FROM enterprise_checks($from, $eom)
WHERE unit_code = $unit AND NOT checked
ORDER BY credit_code;
