-- The select of window_hazard_months (prepare/window-hazard-months.sql), shared with its upkeep twin
-- (prepare/upkeep/window-hazard-months.sql): the rows of the reporters of the hazards in table p_hazards,
-- with the penalties of p_actions (query_table: a table named by its string), and with p_city the city-wide
-- rows ('ALL') of those hazards too. The full build passes the ledger's tables; the twin passes temp tables
-- of the changed reporters' hazards and of the actions naming them, so that it reads no other hazard.
CREATE MACRO window_hazard_months_of(p_hazards, p_actions, p_city) AS TABLE
WITH starts AS (
  SELECT DISTINCT start_on AS from_on FROM campaigns
),
penalties AS (
  SELECT s.from_on, a.hazard_ledger_no, min(a.acted_on) AS first_on
  FROM starts s
  JOIN query_table(p_actions) a ON a.acted_on >= s.from_on
  WHERE a.kind = 'penalty' AND a.hazard_ledger_no IS NOT NULL
  GROUP BY s.from_on, a.hazard_ledger_no
),
hz AS (
  SELECT s.from_on, h.unit_code, h.source, h.source = 'enforcement' AS enforced, h.found_on,
    CASE WHEN h.rectified_on IS NOT NULL THEN greatest(h.found_on, h.rectified_on) END AS rectified_day,
    CASE WHEN h.listed_on IS NOT NULL THEN greatest(h.found_on, h.listed_on) END AS listed_day,
    CASE WHEN h.listed_on IS NOT NULL AND h.rectified_on IS NOT NULL
         THEN greatest(h.found_on, h.listed_on, h.rectified_on) END AS listed_rectified_day,
    CASE WHEN h.deadline IS NOT NULL AND NOT coalesce(h.rectified_on <= h.deadline, false)
         THEN greatest(h.found_on, h.deadline) END AS overdue_day,
    CASE WHEN p.first_on IS NOT NULL THEN greatest(h.found_on, p.first_on) END AS penalised_day
  FROM starts s
  JOIN query_table(p_hazards) h ON h.found_on >= s.from_on
  LEFT JOIN penalties p ON p.from_on = s.from_on AND p.hazard_ledger_no = h.ledger_no
),
by_day AS (
  SELECT from_on, unit_code, date_trunc('month', found_on)::DATE AS month_on,
    count(*) FILTER (WHERE source = 'self_check') AS A1, count(*) FILTER (WHERE source = 'enforcement') AS A3,
    count(*) FILTER (WHERE source = 'public_report') AS A5, count(*) FILTER (WHERE source = 'superior_assignment') AS A7,
    count(*) AS found, count(*) FILTER (WHERE enforced) AS enforced
  FROM hz GROUP BY ALL
  UNION ALL BY NAME
  SELECT from_on, unit_code, date_trunc('month', rectified_day)::DATE AS month_on,
    count(*) FILTER (WHERE source = 'self_check') AS A2, count(*) FILTER (WHERE source = 'enforcement') AS A4,
    count(*) FILTER (WHERE source = 'public_report') AS A6, count(*) FILTER (WHERE source = 'superior_assignment') AS A8,
    count(*) AS rectified, count(*) FILTER (WHERE enforced) AS enforced_rectified
  FROM hz WHERE rectified_day IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME
  SELECT from_on, unit_code, date_trunc('month', listed_day)::DATE AS month_on, count(*) AS A9
  FROM hz WHERE listed_day IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME
  SELECT from_on, unit_code, date_trunc('month', listed_rectified_day)::DATE AS month_on, count(*) AS A10
  FROM hz WHERE listed_rectified_day IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME
  SELECT from_on, unit_code, date_trunc('month', overdue_day)::DATE AS month_on, count(*) AS overdue
  FROM hz WHERE overdue_day IS NOT NULL GROUP BY ALL
  UNION ALL BY NAME
  SELECT from_on, unit_code, date_trunc('month', penalised_day)::DATE AS month_on, count(*) FILTER (WHERE enforced) AS penalised
  FROM hz WHERE penalised_day IS NOT NULL GROUP BY ALL
)
-- counts as BIGINT (a sum of BIGINT is a HUGEINT); NULL where no record of that figure falls in the month
SELECT from_on, CASE WHEN grouping(unit_code) = 1 THEN 'ALL' ELSE unit_code END AS reporter, month_on,
  sum(A1)::BIGINT AS A1, sum(A2)::BIGINT AS A2, sum(A3)::BIGINT AS A3, sum(A4)::BIGINT AS A4, sum(A5)::BIGINT AS A5,
  sum(A6)::BIGINT AS A6, sum(A7)::BIGINT AS A7, sum(A8)::BIGINT AS A8, sum(A9)::BIGINT AS A9, sum(A10)::BIGINT AS A10,
  sum(found)::BIGINT AS found, sum(rectified)::BIGINT AS rectified, sum(overdue)::BIGINT AS overdue,
  sum(enforced)::BIGINT AS enforced, sum(penalised)::BIGINT AS penalised, sum(enforced_rectified)::BIGINT AS enforced_rectified
FROM by_day
GROUP BY GROUPING SETS ((from_on, unit_code, month_on), (from_on, month_on))
HAVING p_city OR grouping(unit_code) = 0;
