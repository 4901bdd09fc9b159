-- The ledger as the scores of some county-level units see it (analytics/src/scoped-scores.ts): for the
-- units of the temp table scope_unit_codes (every peer of a parent they share, so the ranks are whole), the
-- base tables unit-counts.sql reads, cut to those units:
--   units                 the units in scope (county_units)
--   leaders, submissions  of a unit in scope
-- unit-counts.sql reads everything else from the month histograms and candidates of analytics/sql/prepare,
-- which hold every unit's rows: joined to the units in scope they give exactly those units' counts, so
-- they need no cut (they are small: a few rows a unit and month).
-- Each is a temp table of the copy's table's name: a statement binds its own source before the table it
-- makes exists (so it reads the copy), and every later statement of the transaction (views and table
-- macros included) reads the temp table before the copy's.
CREATE TEMP TABLE units AS SELECT * FROM units WHERE code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE leaders AS SELECT * FROM leaders WHERE unit_code IN (SELECT code FROM scope_unit_codes);
CREATE TEMP TABLE submissions AS SELECT * FROM submissions WHERE unit_code IN (SELECT code FROM scope_unit_codes);
