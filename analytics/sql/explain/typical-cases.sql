-- I3's `cases`: the typical enforcement cases (典型执法案例) $unit published in the window.
SELECT action_id AS "actionId", acted_on AS "actedOn", enterprise_credit_code AS enterprise, crime
FROM actions
WHERE unit_code = $unit AND kind = 'typical_case' AND acted_on BETWEEN $from AND $eom
ORDER BY acted_on, action_id;
