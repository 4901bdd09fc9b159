import type { DuckDBValue } from '@duckdb/node-api';
import type { SchemeParams } from './default-scheme.js';
import { AnalyticsError, AnalyticsErrorCode } from './errors.js';

// Scheme weights are decimals (12.5, 0.5): they enter the exact fractions of scores.sql as whole
// ten-thousandths (125000 / 10000 is exactly 12.5), never as doubles.
const SCALE = 10_000;

function tenThousandths(name: string, w: number): bigint {
  const scaled = Math.round(w * SCALE);
  if (!Number.isFinite(w) || w < 0 || Math.abs(scaled - w * SCALE) > 1e-6) {
    throw new AnalyticsError(AnalyticsErrorCode.BAD_SCHEME,
      `scheme weight ${name} = ${w}: a weight must be a number ≥ 0 with at most 4 decimals`);
  }
  return BigInt(scaled);
}

function wholeNumber(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new AnalyticsError(AnalyticsErrorCode.BAD_SCHEME, `scheme ${name} = ${n}: it must be a whole number ≥ 0`);
  }
  return n;
}

/** The scheme as the named parameters of scoring/scores.sql and the explain queries. */
export function schemeParams(s: SchemeParams): Record<string, DuckDBValue> {
  return {
    w_i1_rectified: tenThousandths('I1.rectified', s.I1.rectified),
    w_i1_on_time: tenThousandths('I1.onTime', s.I1.onTime),
    w_i2_coverage: tenThousandths('I2.coverage', s.I2.coverage),
    w_i2_flagged: tenThousandths('I2.flagged', s.I2.flagged),
    w_i3_penalised: tenThousandths('I3.penalised', s.I3.penalised),
    w_i3_enforced_rectified: tenThousandths('I3.enforcedRectified', s.I3.enforcedRectified),
    w_i3_cases: tenThousandths('I3.cases', s.I3.cases),
    w_i4_main: tenThousandths('I4.main', s.I4.main),
    w_i4_member: tenThousandths('I4.member', s.I4.member),
    w_late: tenThousandths('deductions.late', s.deductions.late),
    w_missed_feedback: tenThousandths('deductions.missedFeedback', s.deductions.missedFeedback),
    w_missed_hazard: tenThousandths('deductions.missedHazard', s.deductions.missedHazard),
    w_cap: tenThousandths('deductions.cap', s.deductions.cap),
    w_empty_ratio: tenThousandths('emptyRatio', s.emptyRatio),
    main_required: wholeNumber('leaderRule.main', s.leaderRule.main),
    member_required: wholeNumber('leaderRule.member', s.leaderRule.member),
    lookback_days: wholeNumber('missedLookbackDays', s.missedLookbackDays),
  };
}
