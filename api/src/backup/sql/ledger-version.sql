-- The ledger's write counter as the analytics service reads it (analytics.service.ts), and the last
-- migration run: together they say which state of which schema a backup holds.
SELECT (SELECT last_value::text || ':' || is_called::text FROM ledger_version) AS version,
       (SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1) AS schema;
