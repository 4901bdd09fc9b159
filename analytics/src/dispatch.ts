import type { DispatchJson, DispatchRow } from './contracts.js';
import { windowParams, type MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';

/** bundle.md's dispatch JSON: every unit's row (in the contract's order) and the city-wide row. */
export async function computeDispatch(query: QueryFile, w: MonthWindow): Promise<DispatchJson> {
  const params = windowParams(w);
  const [units, cityWide] = await Promise.all([
    query('dispatch/unit-rows.sql', params),
    query('dispatch/city-wide-row.sql', params),
  ]);
  return {
    month: w.month,
    asOf: w.eom,
    units: units as unknown as DispatchRow[],
    cityWide: cityWide[0] as unknown as DispatchRow,
  };
}
