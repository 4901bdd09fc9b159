-- I4 (领导干部检查): each pair (leader on a unit's roster, assessed month p_first_month_start … the
-- month of p_eom) with the leader inspections that leader made for the unit in that calendar month,
-- and the number the rule requires of the role (main ≥ p_main_required, member ≥ p_member_required).
CREATE MACRO leader_months(p_first_month_start, p_eom, p_main_required, p_member_required) AS TABLE
WITH months AS (
  SELECT m::DATE AS month_start
  FROM generate_series(p_first_month_start::TIMESTAMP, date_trunc('month', p_eom)::TIMESTAMP, INTERVAL 1 MONTH) t(m)
)
SELECT l.unit_code, l.name AS leader, l.role, strftime(m.month_start, '%Y-%m') AS month,
  (SELECT count(*) FROM leader_inspections li
   WHERE li.unit_code = l.unit_code AND li.leader_name = l.name
     AND li.inspected_on BETWEEN m.month_start AND last_day(m.month_start)) AS inspections,
  CASE l.role WHEN 'main' THEN p_main_required ELSE p_member_required END AS required
FROM leaders l CROSS JOIN months m;
