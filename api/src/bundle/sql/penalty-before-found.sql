-- A penalty cannot punish a hazard found after it: each pair (penalty, hazard) of the ledger as it would
-- be after the import of which the bundle brings at least one side.
SELECT a.line AS action_line, h.line AS hazard_line, a.action_id, h.ledger_no, a.acted_on::text, h.found_on::text
FROM after_actions a JOIN after_hazards h ON h.ledger_no = a.hazard_ledger_no
WHERE a.kind = 'penalty' AND a.acted_on < h.found_on AND (a.line IS NOT NULL OR h.line IS NOT NULL)
ORDER BY a.line, h.line, a.action_id
