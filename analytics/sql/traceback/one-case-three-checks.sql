-- 一案三查 for hazard $ledger_no: the enterprise and its main leader, the unit that supervises the
-- enterprise (its jurisdiction, 属地) with its main leaders and its whole roster, and the unit that
-- reported the hazard (the city when the city found it).
SELECT h.ledger_no AS hazard, h.unit_code AS "reportingUnit",
  {'creditCode': e.credit_code, 'name': e.name, 'mainLeader': e.main_leader} AS enterprise,
  u.code AS supervising_code, u.name AS supervising_name,
  coalesce((SELECT list(l.name ORDER BY l.name) FROM leaders l WHERE l.unit_code = u.code AND l.role = 'main'),
           []::VARCHAR[]) AS main_leaders,
  coalesce((SELECT list({'name': l.name, 'role': l.role} ORDER BY l.role, l.name) FROM leaders l WHERE l.unit_code = u.code),
           []::STRUCT(name VARCHAR, role VARCHAR)[]) AS roster
FROM hazards h
JOIN enterprises e ON e.credit_code = h.enterprise_credit_code
JOIN units u ON u.code = e.unit_code
WHERE h.ledger_no = $ledger_no;
