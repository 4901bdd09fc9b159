-- The 调度表 figures of domain.md section 5, as a table macro shared by unit-rows.sql and
-- city-wide-row.sql so that both apply the same rules. Records dated p_from … p_eom count (the window:
-- campaign start … end of the month); a hazard counts as rectified when rectified on or before p_eom.
-- With p_city_wide every record of every unit counts under the one key 'ALL' ("本行业领域",
-- attachment note 4): an enterprise inspected by two units is still one enterprise there.
-- Returns one row per key (every unit's code, or 'ALL'), with zeros where nothing was reported.
CREATE MACRO dispatch_figures(p_from, p_eom, p_city_wide) AS TABLE
WITH
reporters AS (
  SELECT code AS reporter FROM units WHERE NOT p_city_wide
  UNION ALL SELECT 'ALL' WHERE p_city_wide
),
hz AS (
  SELECT CASE WHEN p_city_wide THEN 'ALL' ELSE unit_code END AS reporter, source,
         coalesce(rectified_on <= p_eom, false) AS rectified,
         coalesce(listed_on <= p_eom, false) AS listed
  FROM hazards
  WHERE found_on BETWEEN p_from AND p_eom
),
a AS (
  SELECT reporter,
    count(*) FILTER (WHERE source = 'self_check') AS A1,
    count(*) FILTER (WHERE source = 'self_check' AND rectified) AS A2,
    count(*) FILTER (WHERE source = 'enforcement') AS A3,
    count(*) FILTER (WHERE source = 'enforcement' AND rectified) AS A4,
    count(*) FILTER (WHERE source = 'public_report') AS A5,
    count(*) FILTER (WHERE source = 'public_report' AND rectified) AS A6,
    count(*) FILTER (WHERE source = 'superior_assignment') AS A7,
    count(*) FILTER (WHERE source = 'superior_assignment' AND rectified) AS A8,
    count(*) FILTER (WHERE listed) AS A9,
    count(*) FILTER (WHERE listed AND rectified) AS A10
  FROM hz GROUP BY reporter
),
insp AS (
  SELECT CASE WHEN p_city_wide THEN 'ALL' ELSE unit_code END AS reporter, inspection_id, enterprise_credit_code
  FROM current_inspections
  WHERE inspected_on BETWEEN p_from AND p_eom
),
b1 AS (
  SELECT reporter, count(DISTINCT enterprise_credit_code) AS B1 FROM insp GROUP BY reporter
),
b AS (
  -- B2 … B8: the seven spot-check problems in the attachment's order
  SELECT i.reporter,
    count(DISTINCT i.enterprise_credit_code) FILTER (WHERE f.finding = 'no_leader_study') AS B2,
    count(DISTINCT i.enterprise_credit_code) FILTER (WHERE f.finding = 'no_leader_inspection') AS B3,
    count(DISTINCT i.enterprise_credit_code) FILTER (WHERE f.finding = 'no_duty_list') AS B4,
    count(DISTINCT i.enterprise_credit_code) FILTER (WHERE f.finding = 'no_safety_staff') AS B5,
    count(DISTINCT i.enterprise_credit_code) FILTER (WHERE f.finding = 'uncertified_special_work') AS B6,
    count(DISTINCT i.enterprise_credit_code) FILTER (WHERE f.finding = 'outsourcing_chaos') AS B7,
    count(DISTINCT i.enterprise_credit_code) FILTER (WHERE f.finding = 'no_drill') AS B8
  FROM insp i JOIN findings f USING (inspection_id)
  GROUP BY i.reporter
),
c AS (
  SELECT CASE WHEN p_city_wide THEN 'ALL' ELSE unit_code END AS reporter,
    count(*) FILTER (WHERE kind = 'assistance_unit') AS C1,
    count(*) FILTER (WHERE kind = 'assistance_enterprise') AS C2,
    count(*) FILTER (WHERE kind = 'penalty') AS C3_count,
    sum(amount_wan) FILTER (WHERE kind = 'penalty') AS C3_amount_wan,
    count(*) FILTER (WHERE kind = 'dual_penalty') AS C4,
    sum(persons) FILTER (WHERE kind = 'judicial_transfer') AS C5,
    count(DISTINCT enterprise_credit_code) FILTER (WHERE kind = 'suspension') AS C6_suspended,
    count(DISTINCT enterprise_credit_code) FILTER (WHERE kind = 'closure') AS C6_closed,
    count(DISTINCT enterprise_credit_code) FILTER (WHERE kind IN ('exposure', 'interview', 'joint_punishment')) AS C7,
    count(*) FILTER (WHERE kind = 'typical_case') AS C8_cases,
    count(*) FILTER (WHERE kind = 'typical_case' AND crime) AS C8_crime_cases,
    sum(persons) FILTER (WHERE kind = 'accountability') AS C9,
    count(*) FILTER (WHERE kind = 'interview_unit') AS C10
  FROM actions
  WHERE acted_on BETWEEN p_from AND p_eom
  GROUP BY ALL
)
SELECT r.reporter,
  coalesce(a.A1, 0) AS A1, coalesce(a.A2, 0) AS A2, coalesce(a.A3, 0) AS A3, coalesce(a.A4, 0) AS A4,
  coalesce(a.A5, 0) AS A5, coalesce(a.A6, 0) AS A6, coalesce(a.A7, 0) AS A7, coalesce(a.A8, 0) AS A8,
  coalesce(a.A9, 0) AS A9, coalesce(a.A10, 0) AS A10,
  coalesce(b1.B1, 0) AS B1, coalesce(b.B2, 0) AS B2, coalesce(b.B3, 0) AS B3, coalesce(b.B4, 0) AS B4,
  coalesce(b.B5, 0) AS B5, coalesce(b.B6, 0) AS B6, coalesce(b.B7, 0) AS B7, coalesce(b.B8, 0) AS B8,
  coalesce(c.C1, 0) AS C1, coalesce(c.C2, 0) AS C2, coalesce(c.C3_count, 0) AS C3_count,
  coalesce(c.C3_amount_wan, 0)::DECIMAL(18,2) AS C3_amount_wan,
  coalesce(c.C4, 0) AS C4, coalesce(c.C5, 0) AS C5, coalesce(c.C6_suspended, 0) AS C6_suspended,
  coalesce(c.C6_closed, 0) AS C6_closed, coalesce(c.C7, 0) AS C7, coalesce(c.C8_cases, 0) AS C8_cases,
  coalesce(c.C8_crime_cases, 0) AS C8_crime_cases, coalesce(c.C9, 0) AS C9, coalesce(c.C10, 0) AS C10
FROM reporters r
LEFT JOIN a USING (reporter)
LEFT JOIN b1 USING (reporter)
LEFT JOIN b USING (reporter)
LEFT JOIN c USING (reporter);
