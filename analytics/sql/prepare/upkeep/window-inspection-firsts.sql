-- Upkeep after a refresh (analytics/src/prepare.ts): the changed pairs' rows of window_inspection_firsts
-- made again by the select of prepare/window-inspection-firsts.sql (shared/window-inspection-firsts.sql),
-- from the changed pairs' marks alone, taken first: the select then reads a few marks, not all of them.
DELETE FROM window_inspection_firsts WHERE pair_id IN (SELECT pair_id FROM changed_pair_ids);
CREATE OR REPLACE TEMP TABLE changed_marks AS
SELECT * FROM inspection_marks WHERE pair_id IN (SELECT pair_id FROM changed_pair_ids);
INSERT INTO window_inspection_firsts BY NAME
FROM window_inspection_firsts_of('changed_marks');
DROP TABLE changed_marks;
