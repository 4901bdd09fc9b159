-- The analytics copy of the ledger: one DuckDB table for each PostgreSQL table of
-- api/src/database/migrations/1764400000000-Ledger.ts, same names, same column order.
-- The loader reads this catalog to know what to select from PostgreSQL and how to append it, so a
-- column added here (and in the migration) is loaded without a code change.
-- No keys or checks: PostgreSQL holds the rules; DuckDB key checks would only slow the appender and
-- get in the way of replacing a table's rows on refresh.
-- char(n) columns become VARCHAR (loaded through ::text, which drops char padding).

CREATE TABLE campaigns (
  code VARCHAR, name VARCHAR, start_on DATE, end_on DATE, first_month VARCHAR, last_month VARCHAR,
  stage_report_due DATE, summary_due DATE
);

CREATE TABLE units (
  code VARCHAR, name VARCHAR, level VARCHAR, parent_code VARCHAR
);

CREATE TABLE enterprises (
  credit_code VARCHAR, name VARCHAR, unit_code VARCHAR, industry VARCHAR, risk_level VARCHAR,
  high_risk BOOLEAN, parent_credit_code VARCHAR, main_leader VARCHAR
);

CREATE TABLE inspections (
  inspection_id VARCHAR, unit_code VARCHAR, enterprise_credit_code VARCHAR, inspected_on DATE,
  signed_by VARCHAR[], major_hazards_found INTEGER, corrects_inspection_id VARCHAR
);

-- A signed inspection is never edited: a correction is a new record naming it (corrects_inspection_id).
-- The figures count the latest record of each chain in place of the ones it corrects; the findings of a
-- corrected record go with it.
-- An anti join against the corrections only (a few rows), not NOT EXISTS: DuckDB plans that as a delim
-- join that groups and hashes every inspection id (about half of a province recompute's inspection pass).
CREATE VIEW current_inspections AS
SELECT i.* FROM inspections i
ANTI JOIN (SELECT corrects_inspection_id FROM inspections WHERE corrects_inspection_id IS NOT NULL) c
  ON c.corrects_inspection_id = i.inspection_id;

CREATE TABLE findings (
  inspection_id VARCHAR, finding VARCHAR
);

CREATE TABLE hazards (
  ledger_no VARCHAR, enterprise_credit_code VARCHAR, unit_code VARCHAR, source VARCHAR, found_on DATE,
  description VARCHAR, category VARCHAR, inspection_id VARCHAR, confirmed_on DATE, listed_level VARCHAR,
  listed_on DATE, tracker VARCHAR, responsible_person VARCHAR, measures VARCHAR, funds_wan DECIMAL(14,2),
  deadline DATE, contingency_plan VARCHAR, rectified_on DATE, closed_on DATE, closed_by VARCHAR
);

CREATE TABLE actions (
  action_id VARCHAR, unit_code VARCHAR, kind VARCHAR, acted_on DATE, enterprise_credit_code VARCHAR,
  hazard_ledger_no VARCHAR, target_unit_code VARCHAR, persons INTEGER, amount_wan DECIMAL(14,2), crime BOOLEAN
);

CREATE TABLE leaders (
  unit_code VARCHAR, name VARCHAR, role VARCHAR
);

CREATE TABLE leader_inspections (
  id BIGINT, unit_code VARCHAR, leader_name VARCHAR, inspected_on DATE, enterprise_credit_code VARCHAR
);

CREATE TABLE assignments (
  hazard_ledger_no VARCHAR, unit_code VARCHAR, assigned_on DATE
);

CREATE TABLE feedback (
  id BIGINT, hazard_ledger_no VARCHAR, feedback_on DATE, document_no VARCHAR, progress VARCHAR
);

CREATE TABLE drills (
  id BIGINT, enterprise_credit_code VARCHAR, drilled_on DATE
);

CREATE TABLE submissions (
  id BIGINT, unit_code VARCHAR, kind VARCHAR, period VARCHAR, submitted_on DATE
);

-- The campaign's phases and, within 部门精准执法, its two coverage duties (required_percent set):
-- migration 1764400060000-CampaignPhases.
CREATE TABLE campaign_phases (
  campaign_code VARCHAR, phase_key VARCHAR, name VARCHAR, start_on DATE, end_on DATE,
  within_phase VARCHAR, required_percent INTEGER, inspected_by VARCHAR
);
