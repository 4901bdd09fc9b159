-- Exact arithmetic for the scores (domain.md section 6: "Arithmetic is exact"), on HUGEINT fractions n / d
-- with d > 0 (scoring/scores.sql). Doubles are not used: 21.435 must round to 21.44.
-- HUGEINT gcd and // as DuckDB computes them, but in 64 bits when both operands fit: DuckDB's HUGEINT
-- division is a bit-by-bit long division, so a HUGEINT gcd (Euclid: one division a step) cost about 9 µs,
-- and the scores of 2,841 units × 8 months (about 400,000 of these) 1–3 s at nation scale, where the
-- same numbers in BIGINT cost microseconds. CASE evaluates a branch only for the rows that take it, so the
-- HUGEINT branch runs only for a value past 2^63 (never in the ledgers measured), and the result is HUGEINT
-- either way. Both give the same value: truncating division, and gcd ≥ 0.
CREATE MACRO exact_gcd(a, b) AS
  CASE WHEN a BETWEEN -9223372036854775807 AND 9223372036854775807 AND b BETWEEN -9223372036854775807 AND 9223372036854775807
    THEN gcd(a::BIGINT, b::BIGINT)::HUGEINT ELSE gcd(a::HUGEINT, b::HUGEINT) END;
CREATE MACRO exact_div(a, b) AS
  CASE WHEN a BETWEEN -9223372036854775807 AND 9223372036854775807 AND b BETWEEN -9223372036854775807 AND 9223372036854775807
    THEN (a::BIGINT // b::BIGINT)::HUGEINT ELSE a::HUGEINT // b::HUGEINT END;
-- the least common multiple of two positive denominators
CREATE MACRO exact_lcm(a, b) AS exact_div(a, exact_gcd(a, b)) * b;

-- n / d rounded half away from zero to whole cents: floor(|n / d| * 100 + 1/2) with the sign of n
CREATE MACRO frac_cents(n, d) AS sign(n) * exact_div(abs(n) * 200 + d, 2 * d);
-- whole cents as an exact DECIMAL (never a double) for output
CREATE MACRO cents_decimal(c) AS c::DECIMAL(38,0) * 0.01::DECIMAL(3,2);

-- The first Friday on or after day d (isodow: Monday 1 … Sunday 7): the weekly feedback day.
CREATE MACRO friday_on_or_after(d) AS d + ((5 - isodow(d) + 7) % 7)::INTEGER;

-- The figures of several months in one pass (dispatch/figures.sql, scoring/unit-counts.sql): every window
-- starts at the campaign start, so month i (0-based, months ascending) counts a record exactly when the
-- record's relevant day (found, rectified, first inspected, due, …) is on or before month i's end. A day's
-- bucket is the number of those month ends before it: the first month that counts it (0 on or before the
-- first month end, NULL after the last: no month counts it). day_buckets[k + 1] is the bucket of
-- first_eom + k, k = 0 … last_eom − first_eom (analytics/src/figures.ts), so the bucket is a list lookup
-- rather than a search per record.
CREATE MACRO month_bucket(d, first_eom, last_eom, day_buckets) AS
  CASE WHEN d <= first_eom THEN 0 WHEN d <= last_eom THEN (day_buckets::INTEGER[])[(d - first_eom)::INTEGER + 1] END;

-- A finding's bit in inspection_marks.mask (prepare/inspection-marks.sql): 1 for any finding, then one bit
-- per problem in the attachment's order (B2 … B8 of dispatch/figures.sql). NULL (no finding) sets none.
CREATE MACRO finding_bit(finding) AS
  CASE WHEN finding IS NULL THEN 0 ELSE 1 END
  | CASE finding
      WHEN 'no_leader_study' THEN 2 WHEN 'no_leader_inspection' THEN 4 WHEN 'no_duty_list' THEN 8
      WHEN 'no_safety_staff' THEN 16 WHEN 'uncertified_special_work' THEN 32 WHEN 'outsourcing_chaos' THEN 64
      WHEN 'no_drill' THEN 128 ELSE 0 END;
