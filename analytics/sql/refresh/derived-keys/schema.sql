-- What the refresh's changed rows mean for the derived tables (analytics/src/prepare.ts, upkeepDerived):
-- the (unit, enterprise) pairs whose inspections or findings changed, and the enterprises that changed
-- with their unit before and after. Temp tables of the refresh's transaction, emptied at its start.
CREATE OR REPLACE TEMP TABLE changed_pairs (unit_code VARCHAR, enterprise_credit_code VARCHAR);
CREATE OR REPLACE TEMP TABLE changed_enterprises (credit_code VARCHAR, unit_code VARCHAR);
