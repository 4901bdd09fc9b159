-- I3: the hazards of $unit with source `enforcement` found in the window, whether each was penalised
-- (a `penalty` by any unit linked to it and dated in the window) and rectified by $eom.
SELECT ho.ledger_no AS "ledgerNo", ho.found_on AS "foundOn", ho.penalised, ho.rectified,
  coalesce((SELECT list({'actionId': a.action_id, 'unit': a.unit_code, 'actedOn': a.acted_on} ORDER BY a.acted_on, a.action_id)
            FROM actions a
            WHERE a.kind = 'penalty' AND a.hazard_ledger_no = ho.ledger_no AND a.acted_on BETWEEN $from AND $eom),
           []::STRUCT("actionId" VARCHAR, unit VARCHAR, "actedOn" DATE)[]) AS penalties
FROM hazard_outcomes($from, $eom) ho
WHERE ho.unit_code = $unit AND ho.enforced
ORDER BY ho.found_on, ho.ledger_no;
