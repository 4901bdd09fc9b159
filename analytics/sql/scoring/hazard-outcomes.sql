-- Each hazard found in the window p_from … p_eom (any unit, any source), with what I1 and I3 of
-- domain.md section 6 ask of it as of p_eom. The reporting unit is unit_code.
--   rectified: rectified on or before p_eom
--   overdue:   a deadline on or before p_eom and not rectified on or before that deadline
--   enforced:  source `enforcement` (部门执法检查)
--   penalised: a `penalty` action by any unit linked to the hazard and dated in the window
CREATE MACRO hazard_outcomes(p_from, p_eom) AS TABLE
SELECT h.unit_code, h.ledger_no, h.source, h.found_on, h.deadline, h.rectified_on, h.tracker, h.responsible_person,
  coalesce(h.rectified_on <= p_eom, false) AS rectified,
  coalesce(h.deadline <= p_eom, false) AND NOT coalesce(h.rectified_on <= h.deadline, false) AS overdue,
  h.source = 'enforcement' AS enforced,
  EXISTS (
    SELECT 1 FROM actions a
    WHERE a.kind = 'penalty' AND a.hazard_ledger_no = h.ledger_no AND a.acted_on BETWEEN p_from AND p_eom
  ) AS penalised
FROM hazards h
WHERE h.found_on BETWEEN p_from AND p_eom;
