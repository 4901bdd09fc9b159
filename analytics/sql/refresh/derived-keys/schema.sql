-- What the refresh's changed rows mean for the derived tables (analytics/src/prepare.ts, upkeepDerived):
-- the (unit, enterprise) pairs whose inspections or findings changed, the enterprises that changed with
-- their unit before and after, the hazards that changed with their unit, the hazards named by changed
-- actions (a penalty's first day), and the assignments and feedback that changed. Temp tables of the
-- refresh's transaction, emptied at its start.
CREATE OR REPLACE TEMP TABLE changed_pairs (unit_code VARCHAR, enterprise_credit_code VARCHAR);
CREATE OR REPLACE TEMP TABLE changed_enterprises (credit_code VARCHAR, unit_code VARCHAR);
CREATE OR REPLACE TEMP TABLE changed_hazards (ledger_no VARCHAR, unit_code VARCHAR);
CREATE OR REPLACE TEMP TABLE changed_action_hazards (ledger_no VARCHAR);
CREATE OR REPLACE TEMP TABLE changed_assignments (hazard_ledger_no VARCHAR, unit_code VARCHAR);
CREATE OR REPLACE TEMP TABLE changed_feedback_hazards (ledger_no VARCHAR);
