-- Rows in every table of the public schema, one row a table. query_to_xml runs a count per table inside
-- one statement, so the figures come from one snapshot without a function to install.
SELECT table_name AS "table",
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::bigint AS "rows"
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name;
