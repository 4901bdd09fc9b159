-- The dispatch table (调度表) row of every unit, as of $eom: each unit's own records, dated
-- $from (campaign start) … $eom. Ordered as bundle.md asks: province, city, then county and zone
-- together, then by code compared as strings.
SELECT u.code AS unit, u.name, u.level, f.* EXCLUDE (reporter)
FROM units u
JOIN dispatch_figures($from, $eom, false) f ON f.reporter = u.code
ORDER BY CASE u.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, u.code;
