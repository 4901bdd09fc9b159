-- Records of units.csv or campaigns.csv that are not in the ledger with the same values in the columns
-- the file has ({{changed}}): new or changed, which only the city office may bring.
SELECT s.line, s.code
FROM {{staging}} s LEFT JOIN {{table}} d ON d.code = s.code
WHERE d.code IS NULL OR {{changed}}
ORDER BY s.line
