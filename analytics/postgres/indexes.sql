-- Indexes for the figures of this folder, created by the bench's setup (preparePostgres in
-- analytics/src/postgres-figures.ts), not by product migrations. The figures read whole tables once
-- (sequential scans, parallel): these serve the few probes and small subsets beside those scans.
-- The plans that use them are in README.md.

-- current_inspections (schema.sql): the anti-join reads only the corrections, not a second copy of
-- every inspection
CREATE INDEX IF NOT EXISTS idx_inspections_corrects ON inspections (corrects_inspection_id)
  WHERE corrects_inspection_id IS NOT NULL;

-- I3 penalised: the first penalty linked to each hazard, from an index-only scan of the penalties
CREATE INDEX IF NOT EXISTS idx_actions_penalty_hazard ON actions (hazard_ledger_no, acted_on)
  WHERE kind = 'penalty' AND hazard_ledger_no IS NOT NULL;

-- I3 cases: the typical cases, a small share of the actions
CREATE INDEX IF NOT EXISTS idx_actions_typical ON actions (unit_code, acted_on)
  WHERE kind = 'typical_case';

-- missed_hazards: the enforcement hazards found in the window (the city's among them)
CREATE INDEX IF NOT EXISTS idx_hazards_enforcement ON hazards (found_on, unit_code, enterprise_credit_code)
  WHERE source = 'enforcement';

-- missed_hazards: a county's inspections of one enterprise, d − lookback … d − 1, are probed through
-- idx_inspections_enterprise (enterprise, day) of the migration; a partial index of the clean-signed
-- ones was tried and not chosen (a few inspections an enterprise: the filter costs nothing).
-- I4: leader inspections by (unit, leader, day) are already indexed by uq_leader_inspections;
-- late: submissions by (unit, kind, period) by idx_submissions_unit; missed_feedback: feedback by
-- (hazard, day) by idx_feedback_hazard (migration 1764400000000-Ledger).
