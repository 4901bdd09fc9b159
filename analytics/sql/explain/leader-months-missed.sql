-- I4: the (leader, month) pairs of $unit's roster that did not meet the leader rule.
SELECT leader, role, month, inspections AS count, required
FROM leader_months($first_month_start, $eom, $main_required, $member_required)
WHERE unit_code = $unit AND inspections < required
ORDER BY month, role, leader;
