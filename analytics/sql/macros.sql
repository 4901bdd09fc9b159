-- Exact arithmetic for the scores (domain.md section 6: "Arithmetic is exact"). A rational number is a
-- struct {n, d} of HUGEINTs with d > 0, kept in lowest terms after each operation so that sums of a few
-- dozen terms never come near the 128-bit limit. Doubles are not used: 21.435 must round to 21.44.

CREATE MACRO q(n, d) AS {'n': n::HUGEINT, 'd': d::HUGEINT};
CREATE MACRO qnorm(x) AS {'n': x.n // gcd(x.n, x.d), 'd': x.d // gcd(x.n, x.d)};
CREATE MACRO qint(n) AS q(n, 1);
CREATE MACRO qadd(x, y) AS qnorm({'n': x.n * y.d + y.n * x.d, 'd': x.d * y.d});
CREATE MACRO qsub(x, y) AS qnorm({'n': x.n * y.d - y.n * x.d, 'd': x.d * y.d});
CREATE MACRO qmul(x, y) AS qnorm({'n': x.n * y.n, 'd': x.d * y.d});
CREATE MACRO qmin(x, y) AS CASE WHEN x.n * y.d <= y.n * x.d THEN x ELSE y END;
CREATE MACRO qmax(x, y) AS CASE WHEN x.n * y.d >= y.n * x.d THEN x ELSE y END;
-- a / b as a fraction, and `when_empty` when b = 0 (the spec's r(a, 0) = 1, or 0 where it says so)
CREATE MACRO qratio(a, b, when_empty) AS CASE WHEN b = 0 THEN when_empty ELSE qnorm(q(a, b)) END;
-- a scheme weight such as 12.5 arrives as an integer count of ten-thousandths (125000)
CREATE MACRO qweight(w) AS qnorm(q(w, 10000));
-- rounded half away from zero to whole cents: floor(|x| * 100 + 1/2) with the sign of x
CREATE MACRO qcents(x) AS sign(x.n) * ((abs(x.n) * 200 + x.d) // (2 * x.d));
-- the rounded figure as an exact DECIMAL (never a double) for output and ranking
CREATE MACRO qround2(x) AS qcents(x)::DECIMAL(38,0) * 0.01::DECIMAL(3,2);
-- an unrounded share for display (parts.main_ok, parts.member_ok): a double on purpose
CREATE MACRO qdouble(x) AS x.n::DOUBLE / x.d::DOUBLE;


-- The first Friday on or after day d (isodow: Monday 1 … Sunday 7): the weekly feedback day.
CREATE MACRO friday_on_or_after(d) AS d + ((5 - isodow(d) + 7) % 7)::INTEGER;
