-- The ledger as the scores of some county-level units see it (analytics/src/scoped-scores.ts): for the
-- units of the temp table scope_units (every peer of a parent they share, so the ranks are whole), each
-- table the scores read, cut to the rows that can enter those units' counts (unit-counts.sql):
--   units                 the units in scope (county_units; missed_hazards' unit of the enterprise)
--   hazards               of a unit in scope (I1, I3) or its parent (missed_hazards), or assigned to one
--                         (missed_feedback reads the hazard's closed day)
--   actions               of a unit in scope (cases), or naming a hazard above (its first penalty, by any unit)
--   enterprises           of a unit in scope (missed_hazards)
--   inspection_pairs      the units' pairs, and through them inspection_firsts (inspection-firsts.sql),
--                         inspection_marks, enterprise_scope
--   leaders, leader_inspections, submissions, assignments   of a unit in scope; feedback of those assignments
-- Rows outside count only for units outside scope_units, whose rows the caller drops. Made as scope_*
-- temp tables from the copy, then renamed over the copy's names: within the transaction every query
-- (views and table macros included) reads the temp table before the copy's.
CREATE TEMP TABLE scope_units AS SELECT u.* FROM units u WHERE u.code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_assignments AS SELECT a.* FROM assignments a WHERE a.unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_hazards AS SELECT h.* FROM hazards h
WHERE h.unit_code IN (SELECT code FROM scope_unit_codes UNION SELECT parent_code FROM scope_units)
   OR h.ledger_no IN (SELECT hazard_ledger_no FROM scope_assignments);
CREATE TEMP TABLE scope_actions AS SELECT a.* FROM actions a
WHERE a.unit_code IN (SELECT code FROM scope_unit_codes) OR a.hazard_ledger_no IN (SELECT ledger_no FROM scope_hazards);
CREATE TEMP TABLE scope_enterprises AS SELECT e.* FROM enterprises e WHERE e.unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_inspection_pairs AS SELECT p.* FROM inspection_pairs p WHERE p.unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_inspection_marks AS SELECT m.* FROM inspection_marks m WHERE m.pair_id IN (SELECT pair_id FROM scope_inspection_pairs);
CREATE TEMP TABLE scope_enterprise_scope AS SELECT s.* FROM enterprise_scope s WHERE s.unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_leaders AS SELECT l.* FROM leaders l WHERE l.unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_leader_inspections AS SELECT l.* FROM leader_inspections l WHERE l.unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_submissions AS SELECT s.* FROM submissions s WHERE s.unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE scope_feedback AS SELECT f.* FROM feedback f WHERE f.hazard_ledger_no IN (SELECT hazard_ledger_no FROM scope_assignments);
ALTER TABLE scope_units RENAME TO units;
ALTER TABLE scope_assignments RENAME TO assignments;
ALTER TABLE scope_hazards RENAME TO hazards;
ALTER TABLE scope_actions RENAME TO actions;
ALTER TABLE scope_enterprises RENAME TO enterprises;
ALTER TABLE scope_inspection_pairs RENAME TO inspection_pairs;
ALTER TABLE scope_inspection_marks RENAME TO inspection_marks;
ALTER TABLE scope_enterprise_scope RENAME TO enterprise_scope;
ALTER TABLE scope_leaders RENAME TO leaders;
ALTER TABLE scope_leader_inspections RENAME TO leader_inspections;
ALTER TABLE scope_submissions RENAME TO submissions;
ALTER TABLE scope_feedback RENAME TO feedback;
