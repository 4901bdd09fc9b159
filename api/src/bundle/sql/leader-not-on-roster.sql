-- A leader inspection (领导带队检查) counts only for a leader on that unit's roster (leaders.csv or the ledger).
SELECT s.line, s.unit_code, s.leader_name
FROM bundle_leader_inspections s
WHERE s.unit_code IS NOT NULL AND s.leader_name IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM bundle_leaders b WHERE b.first AND b.unit_code = s.unit_code AND b.name = s.leader_name)
  AND NOT EXISTS (SELECT 1 FROM leaders d WHERE d.unit_code = s.unit_code AND d.name = s.leader_name)
ORDER BY s.line
