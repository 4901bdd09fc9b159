-- What the PostgreSQL figures read besides the ledger tables of api/src/database/migrations: the
-- current_inspections view of analytics/sql/schema.sql, as a TEMP view of the session that computes
-- the figures (analytics/src/postgres-figures.ts), so that the product schema stays the migrations'.
-- A signed inspection is never edited: a correction is a new record naming it (corrects_inspection_id);
-- the figures count the latest record of each chain in place of the ones it corrects.
-- The anti-join probes idx_inspections_corrects (indexes.sql), which holds only the corrections.
CREATE OR REPLACE TEMP VIEW current_inspections AS
SELECT * FROM inspections i
WHERE NOT EXISTS (SELECT 1 FROM inspections c WHERE c.corrects_inspection_id = i.inspection_id);
