-- The bundle's actions (as they would be after the import) that lack what their kind needs:
-- an enterprise ($1: the kinds that act against one), a target unit ($2), the fine of a penalty.
SELECT a.line, a.invalid, a.kind, a.enterprise_credit_code IS NULL AND a.kind = ANY($1::text[]) AS needs_enterprise,
  a.target_unit_code IS NULL AND a.kind = ANY($2::text[]) AS needs_target, a.amount_wan IS NULL AND a.kind = 'penalty' AS needs_amount
FROM after_actions a
WHERE a.line IS NOT NULL AND a.kind IS NOT NULL AND (
  (a.enterprise_credit_code IS NULL AND a.kind = ANY($1::text[])) OR (a.target_unit_code IS NULL AND a.kind = ANY($2::text[]))
  OR (a.amount_wan IS NULL AND a.kind = 'penalty'))
ORDER BY a.line
