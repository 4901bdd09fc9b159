-- The city-wide dispatch row (全市, "本行业领域"): all records of all units dated $from … $eom,
-- distinct counts kept distinct across units.
SELECT 'ALL' AS unit, '全市' AS name, 'all' AS level, f.* EXCLUDE (reporter)
FROM dispatch_figures($from, $eom, true) f;
