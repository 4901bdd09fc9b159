-- Upkeep after a refresh (analytics/src/prepare.ts): the rows of window_hazard_months of every reporter whose
-- hazards changed, or whose hazards a changed action names (a penalty's first day), made again by
-- prepare/window-hazard-months.sql's select from that reporter's hazards alone; then the city-wide rows
-- ('ALL') from the reporters' rows. A reporter's rows read only its own hazards and the penalties naming them.
CREATE OR REPLACE TEMP TABLE hazard_reporters AS
SELECT unit_code FROM changed_hazards
UNION SELECT h.unit_code FROM hazards h WHERE h.ledger_no IN (SELECT ledger_no FROM changed_action_hazards);
DELETE FROM window_hazard_months WHERE reporter IN (SELECT unit_code FROM hazard_reporters);
-- their hazards and the penalties naming them, taken first (the columns the select reads): the select of
-- prepare/window-hazard-months.sql (shared/window-hazard-months.sql) then reads these alone, not every
-- hazard and action of the ledger
CREATE OR REPLACE TEMP TABLE reporter_hazards AS
SELECT ledger_no, unit_code, source, found_on, rectified_on, listed_on, deadline FROM hazards
WHERE unit_code IN (SELECT unit_code FROM hazard_reporters);
CREATE OR REPLACE TEMP TABLE reporter_actions AS
SELECT hazard_ledger_no, kind, acted_on FROM actions
WHERE kind = 'penalty' AND hazard_ledger_no IN (SELECT ledger_no FROM reporter_hazards);
INSERT INTO window_hazard_months BY NAME
FROM window_hazard_months_of('reporter_hazards', 'reporter_actions', false);
-- The city-wide rows ('ALL') summed again from every reporter's rows: a sum of the reporters' sums is the
-- sum over all hazards, and NULL exactly where every reporter's is (a few rows a unit and month, not the hazards).
-- Every count column is summed under its own name (COLUMNS), as BIGINT like the macro's.
DELETE FROM window_hazard_months WHERE reporter = 'ALL';
INSERT INTO window_hazard_months BY NAME
SELECT from_on, 'ALL' AS reporter, month_on, sum(COLUMNS(* EXCLUDE (from_on, reporter, month_on)))::BIGINT
FROM window_hazard_months
GROUP BY from_on, month_on;
DROP TABLE reporter_actions;
DROP TABLE reporter_hazards;
DROP TABLE hazard_reporters;
