-- Upkeep after a refresh (analytics/src/prepare.ts): the rows of window_hazard_months of every reporter whose
-- hazards changed, or whose hazards a changed action names (a penalty's first day), made again as
-- prepare/window-hazard-months.sql makes them from that reporter's hazards alone; then the city-wide rows
-- ('ALL') from the reporters' rows. A reporter's rows read only its own hazards and the penalties naming them.
CREATE OR REPLACE TEMP TABLE hazard_reporters AS
SELECT unit_code FROM changed_hazards
UNION SELECT h.unit_code FROM hazards h WHERE h.ledger_no IN (SELECT ledger_no FROM changed_action_hazards);
DELETE FROM window_hazard_months WHERE reporter IN (SELECT unit_code FROM hazard_reporters);
-- their hazards, read from the ledger's once
CREATE OR REPLACE TEMP TABLE reporter_hazards AS
SELECT * FROM hazards WHERE unit_code IN (SELECT unit_code FROM hazard_reporters);
INSERT INTO window_hazard_months BY NAME
WITH starts AS (
  SELECT DISTINCT start_on AS from_on FROM campaigns
),
penalties AS (
  SELECT s.from_on, a.hazard_ledger_no, min(a.acted_on) AS first_on
  FROM starts s
  JOIN actions a ON a.acted_on >= s.from_on
  WHERE a.kind = 'penalty' AND a.hazard_ledger_no IN (SELECT ledger_no FROM reporter_hazards)
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
  JOIN reporter_hazards h ON h.found_on >= s.from_on
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
SELECT from_on, unit_code AS reporter, month_on,
  sum(A1)::BIGINT AS A1, sum(A2)::BIGINT AS A2, sum(A3)::BIGINT AS A3, sum(A4)::BIGINT AS A4, sum(A5)::BIGINT AS A5,
  sum(A6)::BIGINT AS A6, sum(A7)::BIGINT AS A7, sum(A8)::BIGINT AS A8, sum(A9)::BIGINT AS A9, sum(A10)::BIGINT AS A10,
  sum(found)::BIGINT AS found, sum(rectified)::BIGINT AS rectified, sum(overdue)::BIGINT AS overdue,
  sum(enforced)::BIGINT AS enforced, sum(penalised)::BIGINT AS penalised, sum(enforced_rectified)::BIGINT AS enforced_rectified
FROM by_day
GROUP BY from_on, unit_code, month_on;
-- The city-wide rows ('ALL') summed again from every reporter's rows: a sum of the reporters' sums is the
-- sum over all hazards, and NULL exactly where every reporter's is (a few rows a unit and month, not the hazards).
DELETE FROM window_hazard_months WHERE reporter = 'ALL';
INSERT INTO window_hazard_months BY NAME
SELECT from_on, 'ALL' AS reporter, month_on,
  sum(A1)::BIGINT AS A1, sum(A2)::BIGINT AS A2, sum(A3)::BIGINT AS A3, sum(A4)::BIGINT AS A4, sum(A5)::BIGINT AS A5,
  sum(A6)::BIGINT AS A6, sum(A7)::BIGINT AS A7, sum(A8)::BIGINT AS A8, sum(A9)::BIGINT AS A9, sum(A10)::BIGINT AS A10,
  sum(found)::BIGINT AS found, sum(rectified)::BIGINT AS rectified, sum(overdue)::BIGINT AS overdue,
  sum(enforced)::BIGINT AS enforced, sum(penalised)::BIGINT AS penalised, sum(enforced_rectified)::BIGINT AS enforced_rectified
FROM window_hazard_months
GROUP BY from_on, month_on;
DROP TABLE reporter_hazards;
DROP TABLE hazard_reporters;
