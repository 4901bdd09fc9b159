-- I3's `cases`: the typical enforcement cases (典型执法案例) $unit published in the window, with the
-- enterprise's name beside its credit code (a page shows the name; a case may name no enterprise).
SELECT a.action_id AS "actionId", a.acted_on AS "actedOn", a.enterprise_credit_code AS enterprise,
  e.name AS "enterpriseName", a.crime
FROM actions a
LEFT JOIN enterprises e ON e.credit_code = a.enterprise_credit_code
WHERE a.unit_code = $unit AND a.kind = 'typical_case' AND a.acted_on BETWEEN $from AND $eom
ORDER BY a.acted_on, a.action_id;
