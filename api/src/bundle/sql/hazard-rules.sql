-- The bundle's hazards as they would be after the import, with what the rules of one hazard compare:
-- its dates, its listing (挂牌督办) and the inspection it names (from the bundle or the ledger). The
-- rules themselves read these columns in check-bundle.ts, in the order they are reported; only hazards
-- that break one come back.
-- The inspection is looked up for each hazard (LATERAL … LIMIT 1; an inspection id is one inspection of
-- after_inspections), by the index on the staged file's key and the ledger's primary key. Joined as a
-- whole, the planner, seeing through the after_* views, expected 10¹¹ rows at nation and sorted all
-- 11.2 M staged inspections on disk to merge them (nation 24.8 s → 7.7 s, province 1.0–1.4 s → 0.2–0.3 s).
SELECT h.line, h.invalid, h.enterprise_credit_code, h.found_on::text, h.confirmed_on::text, h.listed_level, h.listed_on::text,
  h.tracker, h.deadline::text, h.rectified_on::text, h.closed_on::text, h.inspection_id,
  i.inspection_id IS NOT NULL AS inspection_known, i.enterprise_credit_code AS inspection_enterprise,
  i.inspected_on::text AS inspected_on, i.major_hazards_found
FROM after_hazards h LEFT JOIN LATERAL (
  SELECT a.inspection_id, a.enterprise_credit_code, a.inspected_on, a.major_hazards_found FROM after_inspections a WHERE a.inspection_id = h.inspection_id LIMIT 1
) i ON true
WHERE h.line IS NOT NULL AND (
  (num_nonnulls(h.listed_level, h.listed_on, h.tracker) BETWEEN 1 AND 2)
  OR h.confirmed_on < h.found_on OR h.listed_on < h.found_on OR h.deadline < h.found_on OR h.rectified_on < h.found_on
  OR (h.closed_on IS NOT NULL AND (h.rectified_on IS NULL OR h.closed_on < h.rectified_on OR h.closed_on < h.listed_on))
  OR (i.inspection_id IS NOT NULL AND (
    (h.enterprise_credit_code IS NOT NULL AND i.enterprise_credit_code IS DISTINCT FROM h.enterprise_credit_code)
    OR (h.found_on IS NOT NULL AND coalesce(i.inspected_on::text, 'null') > h.found_on::text)
    OR i.major_hazards_found = 0))
)
ORDER BY h.line
