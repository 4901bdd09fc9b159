import type { OneCaseThreeChecks, TraceJson } from './contracts.js';
import type { MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';
export async function computeTrace(_q: QueryFile, w: MonthWindow): Promise<TraceJson> { return { month: w.month, asOf: w.eom, missed: [], overdue: [], lookBack: [] }; }
export async function oneCaseThreeChecks(_q: QueryFile, _l: string): Promise<OneCaseThreeChecks> { throw new Error('todo'); }
