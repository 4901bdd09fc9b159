-- The phases of campaign $campaign (实施阶段) and the coverage duties inside them, in date order
-- (a duty after the phase that holds it).
SELECT phase_key AS "key", name, start_on AS "startOn", end_on AS "endOn",
       within_phase AS "withinPhase", required_percent AS "requiredPercent", inspected_by AS "inspectedBy"
FROM campaign_phases
WHERE campaign_code = $campaign
ORDER BY start_on, within_phase NULLS FIRST, end_on DESC, phase_key;
