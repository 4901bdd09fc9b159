-- Every county-level unit with its parent: its peers are the units of the same parent (scores.sql ranks
-- within parent_code), which a scoped recompute of the scores takes whole (analytics/src/scoped-scores.ts).
SELECT code, parent_code FROM units WHERE level IN ('county', 'zone');
