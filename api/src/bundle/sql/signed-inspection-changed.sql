-- A signed inspection (签名) is never edited: the bundle's inspections already in the ledger whose file
-- gives ($1: the columns it has) another value in a readable cell; the first such column, in file order.
SELECT line, inspection_id, changed, db_value
FROM (
  SELECT s.line, s.inspection_id,
    CASE
      WHEN 'inspection_id' = ANY($1::text[]) AND NOT 'inspection_id' = ANY(s.invalid) AND s.inspection_id IS DISTINCT FROM d.inspection_id THEN 'inspection_id'
      WHEN 'unit_code' = ANY($1::text[]) AND NOT 'unit_code' = ANY(s.invalid) AND s.unit_code IS DISTINCT FROM d.unit_code THEN 'unit_code'
      WHEN 'enterprise_credit_code' = ANY($1::text[]) AND NOT 'enterprise_credit_code' = ANY(s.invalid) AND s.enterprise_credit_code IS DISTINCT FROM d.enterprise_credit_code THEN 'enterprise_credit_code'
      WHEN 'inspected_on' = ANY($1::text[]) AND NOT 'inspected_on' = ANY(s.invalid) AND s.inspected_on IS DISTINCT FROM d.inspected_on THEN 'inspected_on'
      WHEN 'signed_by' = ANY($1::text[]) AND NOT 'signed_by' = ANY(s.invalid) AND s.signed_by IS DISTINCT FROM d.signed_by THEN 'signed_by'
      WHEN 'major_hazards_found' = ANY($1::text[]) AND NOT 'major_hazards_found' = ANY(s.invalid) AND s.major_hazards_found IS DISTINCT FROM d.major_hazards_found THEN 'major_hazards_found'
    END AS changed,
    to_json(d) AS db_value
  FROM bundle_inspections s JOIN inspections d ON d.inspection_id = s.inspection_id
  WHERE s.first
) c
WHERE changed IS NOT NULL
ORDER BY line
