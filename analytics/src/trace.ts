import { DEFAULT_SCHEME, type SchemeParams } from './default-scheme.js';
import type { LookBack, MissedHazard, OneCaseThreeChecks, OverdueHazard, TraceJson } from './contracts.js';
import { AnalyticsError, AnalyticsErrorCode } from './errors.js';
import { windowParams, type MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';

/**
 * The traceback lists (责任追溯, domain.md section 7) as of the end of the month: bundle.md's trace JSON
 * (missed, overdue) plus 回头看 (lookBack). The missed list uses the scheme's lookback days, so that
 * it names exactly the hazards that scheme deducts for.
 */
export async function computeTrace(query: QueryFile, w: MonthWindow, scheme: SchemeParams = DEFAULT_SCHEME): Promise<TraceJson> {
  const params = { ...windowParams(w), lookback_days: scheme.missedLookbackDays };
  const [missed, overdue, lookBack] = await Promise.all([
    query('traceback/missed-hazards.sql', params),
    query('traceback/overdue-hazards.sql', params),
    query('traceback/look-back.sql', params),
  ]);
  return {
    month: w.month,
    asOf: w.eom,
    missed: missed as unknown as MissedHazard[],
    overdue: overdue as unknown as OverdueHazard[],
    lookBack: lookBack as unknown as LookBack[],
  };
}

/** 一案三查 for one hazard. */
export async function oneCaseThreeChecks(query: QueryFile, ledgerNo: string): Promise<OneCaseThreeChecks> {
  const [row] = await query('traceback/one-case-three-checks.sql', { ledger_no: ledgerNo });
  if (!row) throw new AnalyticsError(AnalyticsErrorCode.UNKNOWN_HAZARD, `no hazard with ledger number ${JSON.stringify(ledgerNo)} in the ledger`);
  return {
    hazard: row.hazard as string,
    enterprise: row.enterprise as unknown as OneCaseThreeChecks['enterprise'],
    reportingUnit: row.reportingUnit as string,
    supervisingUnit: {
      code: row.supervising_code as string,
      name: row.supervising_name as string,
      mainLeaders: row.main_leaders as string[],
      roster: row.roster as unknown as OneCaseThreeChecks['supervisingUnit']['roster'],
    },
  };
}
