-- The county-level units whose scores are recomputed (analytics/src/scoped-scores.ts), read by scope.sql.
CREATE TEMP TABLE scope_unit_codes AS SELECT unnest($codes::VARCHAR[]) AS code;
