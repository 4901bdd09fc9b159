-- After a restore the counter holds the backup's value, which a running server may already have seen
-- with other data; move it past both values so every cached analytics copy counts as stale.
SELECT setval('ledger_version', GREATEST($1::bigint, last_value) + 1) FROM ledger_version;
