-- Every count behind the scores of domain.md section 6, one row per county-level unit (level county
-- or zone), from the record-level macros of this folder. Whole numbers only: the arithmetic on them
-- is done exactly in scores.sql.
CREATE MACRO unit_counts(p_from, p_first_month_start, p_last_month_start, p_eom, p_lookback_days,
                         p_main_required, p_member_required, p_stage_due, p_summary_due) AS TABLE
WITH
county_units AS (
  SELECT code, name, parent_code FROM units WHERE level IN ('county', 'zone')
),
hz AS (
  SELECT unit_code,
    count(*) AS found,
    count(*) FILTER (WHERE rectified) AS rectified,
    count(*) FILTER (WHERE overdue) AS overdue,
    count(*) FILTER (WHERE enforced) AS enforced,
    count(*) FILTER (WHERE enforced AND penalised) AS penalised,
    count(*) FILTER (WHERE enforced AND rectified) AS enforced_rectified
  FROM hazard_outcomes(p_from, p_eom) GROUP BY unit_code
),
ent AS (
  SELECT unit_code, count(*) AS scope,
    count(*) FILTER (WHERE checked) AS checked,
    count(*) FILTER (WHERE checked AND flagged) AS flagged
  FROM enterprise_checks(p_from, p_eom) GROUP BY unit_code
),
typical AS (
  SELECT unit_code, count(*) AS cases
  FROM actions WHERE kind = 'typical_case' AND acted_on BETWEEN p_from AND p_eom
  GROUP BY unit_code
),
leader_pairs AS (
  SELECT unit_code,
    count(*) FILTER (WHERE role = 'main') AS main_pairs,
    count(*) FILTER (WHERE role = 'main' AND inspections >= required) AS main_ok_pairs,
    count(*) FILTER (WHERE role = 'member') AS member_pairs,
    count(*) FILTER (WHERE role = 'member' AND inspections >= required) AS member_ok_pairs
  FROM leader_months(p_first_month_start, p_eom, p_main_required, p_member_required) GROUP BY unit_code
),
late AS (
  SELECT unit_code, count(*) FILTER (WHERE NOT on_time) AS late
  FROM owed_submissions(p_first_month_start, p_last_month_start, p_eom, p_stage_due, p_summary_due) GROUP BY unit_code
),
feedback_missed AS (
  SELECT unit_code, count(*) AS missed_feedback FROM missed_feedback(p_eom) GROUP BY unit_code
),
hazards_missed AS (
  SELECT unit_code, count(DISTINCT ledger_no) AS missed_hazards
  FROM missed_hazard_inspections(p_from, p_eom, p_lookback_days) GROUP BY unit_code
)
SELECT cu.code AS unit_code, cu.name, cu.parent_code,
  -- |months|: the assessed months from the first to the month of p_eom
  datediff('month', p_first_month_start::DATE, p_eom::DATE) + 1 AS months,
  coalesce(hz.found, 0) AS found, coalesce(hz.rectified, 0) AS rectified, coalesce(hz.overdue, 0) AS overdue,
  coalesce(ent.scope, 0) AS scope, coalesce(ent.checked, 0) AS checked, coalesce(ent.flagged, 0) AS flagged,
  coalesce(hz.enforced, 0) AS enforced, coalesce(hz.penalised, 0) AS penalised,
  coalesce(hz.enforced_rectified, 0) AS enforced_rectified, coalesce(typical.cases, 0) AS cases,
  coalesce(lp.main_pairs, 0) AS main_pairs, coalesce(lp.main_ok_pairs, 0) AS main_ok_pairs,
  coalesce(lp.member_pairs, 0) AS member_pairs, coalesce(lp.member_ok_pairs, 0) AS member_ok_pairs,
  coalesce(late.late, 0) AS late, coalesce(fm.missed_feedback, 0) AS missed_feedback,
  coalesce(hm.missed_hazards, 0) AS missed_hazards
FROM county_units cu
LEFT JOIN hz ON hz.unit_code = cu.code
LEFT JOIN ent ON ent.unit_code = cu.code
LEFT JOIN typical ON typical.unit_code = cu.code
LEFT JOIN leader_pairs lp ON lp.unit_code = cu.code
LEFT JOIN late ON late.unit_code = cu.code
LEFT JOIN feedback_missed fm ON fm.unit_code = cu.code
LEFT JOIN hazards_missed hm ON hm.unit_code = cu.code;
