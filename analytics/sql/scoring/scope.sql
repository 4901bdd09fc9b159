-- The ledger as the scores of some county-level units see it (analytics/src/scoped-scores.ts): for the
-- units of the temp table scope_unit_codes (every peer of a parent they share, so the ranks are whole), each
-- table the scores read, cut to the rows that can enter those units' counts (unit-counts.sql):
--   units                 the units in scope (county_units; missed_hazards' unit of the enterprise)
--   assignments, leaders, leader_inspections, submissions   of a unit in scope
--   hazards               of a unit in scope (I1, I3) or its parent (missed_hazards), or assigned to one
--                         (missed_feedback reads the hazard's closed day)
--   actions               of a unit in scope (cases), or naming a hazard above (its first penalty, by any unit)
--   enterprises           of a unit in scope (missed_hazards)
--   inspection_pairs      the units' pairs, and through them inspection_firsts (inspection-firsts.sql),
--                         inspection_marks, enterprise_scope
--   feedback              on the assignments above
-- Rows outside count only for units outside scope_unit_codes, whose rows the caller drops.
-- Each is a temp table of the copy's table's name: a statement binds its own source before the table it
-- makes exists (so it reads the copy), and every later statement of the transaction (views and table
-- macros included) reads the temp table before the copy's. So the order below matters: a cut that reads
-- another table reads it cut.
CREATE TEMP TABLE units AS SELECT * FROM units WHERE code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE assignments AS SELECT * FROM assignments WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE hazards AS SELECT * FROM hazards
WHERE unit_code IN (SELECT code FROM scope_unit_codes UNION SELECT parent_code FROM units)
   OR ledger_no IN (SELECT hazard_ledger_no FROM assignments);
CREATE TEMP TABLE actions AS SELECT * FROM actions
WHERE unit_code IN (SELECT code FROM scope_unit_codes) OR hazard_ledger_no IN (SELECT ledger_no FROM hazards);
CREATE TEMP TABLE enterprises AS SELECT * FROM enterprises WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE inspection_pairs AS SELECT * FROM inspection_pairs WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE inspection_marks AS SELECT * FROM inspection_marks WHERE pair_id IN (SELECT pair_id FROM inspection_pairs);
CREATE TEMP TABLE enterprise_scope AS SELECT * FROM enterprise_scope WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE leaders AS SELECT * FROM leaders WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE leader_inspections AS SELECT * FROM leader_inspections WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE submissions AS SELECT * FROM submissions WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE feedback AS SELECT * FROM feedback WHERE hazard_ledger_no IN (SELECT hazard_ledger_no FROM assignments);
