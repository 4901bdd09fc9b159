-- Inspection coverage of each county-level unit's in-scope enterprises (排查范围: industry not `other`,
-- or risk level `larger` or `major`), one row a (unit, duty of campaign $campaign), as of $eom:
-- the county's own 7—8月 100% round (inspected_by 'unit') and the city's 9—11月 spot checks of at least
-- 20% (inspected_by 'parent'). Only inspections dated inside the duty's window and on or before $eom
-- count: an inspection in June or in October does not cover the July–August round.
-- Distinct enterprises; the current record of a corrected inspection (current_inspections).
WITH duties AS (
  SELECT phase_key AS duty, name AS duty_name, start_on, end_on, required_percent, inspected_by,
         least(end_on, $eom) AS counted_to
  FROM campaign_phases
  WHERE campaign_code = $campaign AND required_percent IS NOT NULL
),
pairs AS (
  SELECT u.code AS unit, u.name AS unit_name, u.level, u.parent_code, d.*,
         CASE d.inspected_by WHEN 'unit' THEN u.code ELSE u.parent_code END AS inspector
  FROM units u CROSS JOIN duties d
  WHERE u.level IN ('county', 'zone')
),
in_scope AS (
  SELECT unit_code, credit_code, name FROM enterprises
  WHERE industry <> 'other' OR risk_level IN ('larger', 'major')
),
checked AS (
  SELECT DISTINCT p.unit, p.duty, i.enterprise_credit_code AS credit_code
  FROM pairs p
  JOIN current_inspections i ON i.unit_code = p.inspector AND i.inspected_on BETWEEN p.start_on AND p.counted_to
  JOIN in_scope s ON s.credit_code = i.enterprise_credit_code AND s.unit_code = p.unit
),
counted AS (
  SELECT p.unit, p.unit_name, p.level, p.parent_code, p.duty, p.duty_name, p.start_on, p.end_on, p.counted_to,
         p.required_percent, p.inspector,
         count(s.credit_code) AS scope,
         count(c.credit_code) AS checked,
         list({'creditCode': s.credit_code, 'name': s.name} ORDER BY s.credit_code)
           FILTER (WHERE s.credit_code IS NOT NULL AND c.credit_code IS NULL) AS to_inspect
  FROM pairs p
  LEFT JOIN in_scope s ON s.unit_code = p.unit
  LEFT JOIN checked c ON c.unit = p.unit AND c.duty = p.duty AND c.credit_code = s.credit_code
  GROUP BY ALL
)
SELECT unit, unit_name AS name, level, duty, duty_name AS "dutyName", start_on AS "from", end_on AS "to",
       CASE WHEN $eom < start_on THEN NULL ELSE counted_to END AS "countedTo",
       inspector, required_percent AS "requiredPercent", scope, checked,
       -- ⌈scope × percent / 100⌉ in integers: 20% of 14 is 3 enterprises, not 2.8
       (scope * required_percent + 99) // 100 AS required,
       greatest(0, (scope * required_percent + 99) // 100 - checked) AS shortfall,
       CASE
         WHEN $eom < start_on THEN 'not_started'
         WHEN checked >= (scope * required_percent + 99) // 100 THEN 'met'
         WHEN $eom >= end_on THEN 'behind'
         ELSE 'in_progress'
       END AS status,
       coalesce(to_inspect, []) AS "toInspect"
FROM counted
ORDER BY parent_code NULLS FIRST, unit, start_on, duty;
