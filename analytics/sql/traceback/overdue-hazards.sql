-- 该盯住整改而整改不到位 as of $eom: every hazard of any unit (the city's too) that is overdue by I1's
-- definition, with who should have kept it moving: the tracker (跟踪督办责任人) and the person
-- responsible for the rectification (整改责任人).
SELECT ledger_no AS hazard, unit_code AS unit, deadline, tracker, responsible_person AS "responsiblePerson"
FROM hazard_outcomes($from, $eom)
WHERE overdue
ORDER BY unit_code, deadline, ledger_no;
